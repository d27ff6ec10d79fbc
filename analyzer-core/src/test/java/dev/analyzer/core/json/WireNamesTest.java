package dev.analyzer.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.analyzer.core.findings.Confidence;
import dev.analyzer.core.findings.Severity;
import dev.analyzer.core.protocol.AnalysisKind;
import dev.analyzer.core.protocol.ErrorCode;
import dev.analyzer.core.protocol.MessageType;
import dev.analyzer.core.protocol.ResultStatus;
import dev.analyzer.core.protocol.ToolStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireNamesTest {

  enum Colour implements WireValue {
    RED("red"), DARK_RED("dark-red");

    private final String wire;

    Colour(String wire) {
      this.wire = wire;
    }

    @Override
    public String wire() {
      return wire;
    }
  }

  enum Clash implements WireValue {
    A, B;

    @Override
    public String wire() {
      return "same";
    }
  }

  @Test
  void findsEveryConstantByItsWireStringIgnoringCaseAndBlanks() {
    WireNames<Colour> names = WireNames.of(Colour.class);

    assertThat(names.find("red")).contains(Colour.RED);
    assertThat(names.find("  DARK-Red ")).contains(Colour.DARK_RED);
    assertThat(names.find("blue")).isEmpty();
    assertThat(names.find((String) null)).isEmpty();
    assertThat(names.find((Object) 42)).isEmpty();
    assertThat(names.accepted()).isEqualTo("red, dark-red");
  }

  @Test
  void aliasesAreReadButAnAliasCannotStealAnotherConstantsName() {
    WireNames<Colour> names = WireNames.of(Colour.class).withAlias("crimson", Colour.DARK_RED);

    assertThat(names.find("Crimson")).contains(Colour.DARK_RED);
    assertThat(names.withAlias("red", Colour.RED).find("red")).contains(Colour.RED);
    assertThatThrownBy(() -> names.withAlias("red", Colour.DARK_RED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'red' already names RED");
  }

  @Test
  void twoConstantsWithOneWireStringAreRefused() {
    assertThatThrownBy(() -> WireNames.of(Clash.class))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share the wire string 'same'");
  }

  @Test
  void everyProtocolEnumRoundTripsThroughItsLookup() {
    for (ToolStatus s : ToolStatus.values()) {
      assertThat(ToolStatus.fromWire(s.wire().toUpperCase())).contains(s);
    }
    for (AnalysisKind k : AnalysisKind.values()) {
      assertThat(AnalysisKind.fromWire(k.wire())).contains(k);
    }
    for (ResultStatus s : ResultStatus.values()) {
      assertThat(ResultStatus.fromWire(" " + s.wire())).contains(s);
    }
    for (MessageType t : MessageType.values()) {
      assertThat(MessageType.fromWire(t.wire())).contains(t);
    }
    for (ErrorCode c : ErrorCode.values()) {
      assertThat(ErrorCode.fromWire(c.wire())).contains(c);
    }
    for (Severity s : Severity.values()) {
      assertThat(Severity.fromWire(s.wire())).contains(s);
    }
    for (Confidence c : Confidence.values()) {
      assertThat(Confidence.fromWire(c.wire())).contains(c);
    }
    assertThat(ResultStatus.fromWire("partial_success")).contains(ResultStatus.PARTIAL);
    assertThat(List.of(ToolStatus.fromWire("nope"), AnalysisKind.fromWire("nope"), ResultStatus.fromWire("nope"),
        MessageType.fromWire("nope"), ErrorCode.fromWire("nope"), Severity.fromWire("nope"),
        Confidence.fromWire("nope"))).allMatch(java.util.Optional::isEmpty);
  }
}
