package dev.analyzer.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every JSON example in docs/protocol.md decodes, and together they cover every message type. */
class ProtocolDocExamplesTest {

  private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

  private static List<String> examples() throws IOException {
    Path doc = Path.of("..", "docs", "protocol.md");
    assertThat(doc).exists();
    Matcher m = JSON_BLOCK.matcher(Files.readString(doc));
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void everyExampleDecodesAndCoversEveryType() throws IOException {
    ProtocolCodec codec = ProtocolCodec.create();
    Set<MessageType> seen = EnumSet.noneOf(MessageType.class);

    for (String example : examples()) {
      Message m = codec.decode(example);
      seen.add(m.type());
      assertThat(codec.decode(codec.encode(m))).isEqualTo(m);
    }

    assertThat(seen).containsExactlyInAnyOrder(MessageType.values());
  }
}
