package dev.analyzer.staticanalyzer.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * One text file of the analysed tree, read only through its {@link ConfinedRoot}: a link or a
 * directory swapped in after the walk makes the read fail, never leads outside the root.
 *
 * @param path the path relative to the source root, with {@code /} separators, as reported
 * @param stored where its content lies under the root: {@code path} itself, or the target of a link
 *     inside the root (a real path relative to the root's)
 * @param language what it is
 * @param size its size in bytes when the walk listed it; reads return at most this many bytes
 * @param root the root it is read through
 * @param storedPath {@code stored} as the directories listed its names (bytes that are not valid in
 *     the file-name encoding kept, so such a file is read by its own name); {@code Path.of(stored)}
 *     when not given
 */
public record SourceFile(String path, String stored, Language language, long size, ConfinedRoot root,
    Path storedPath) {

  public SourceFile {
    storedPath = storedPath == null ? Path.of(stored) : storedPath;
  }

  /** A file whose stored path is valid in the file-name encoding. */
  public SourceFile(String path, String stored, Language language, long size, ConfinedRoot root) {
    this(path, stored, language, size, root, null);
  }

  /** The file name without directories. */
  public String name() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** The content (at most {@link #size()} bytes) through the confined open. */
  public byte[] readBytes() throws IOException {
    return root.read(storedPath, size);
  }

  /** The content as UTF-8 (malformed bytes replaced), through the confined open. */
  public String read() throws IOException {
    return new String(readBytes(), StandardCharsets.UTF_8);
  }
}
