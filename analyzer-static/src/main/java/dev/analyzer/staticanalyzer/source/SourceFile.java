package dev.analyzer.staticanalyzer.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One text file of the analysed tree.
 *
 * @param path the path relative to the source root, with {@code /} separators
 * @param absolute the file on disk
 * @param language what it is
 * @param size its size in bytes
 */
public record SourceFile(String path, Path absolute, Language language, long size) {

  /** The file name without directories. */
  public String name() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** The content as UTF-8 (malformed bytes replaced). */
  public String read() throws IOException {
    return new String(Files.readAllBytes(absolute), StandardCharsets.UTF_8);
  }
}
