package dev.analyzer.core.sarif;

/**
 * What a SARIF run says about the tool that produced it.
 *
 * @param version the tool version, or {@code null}
 * @param informationUri the tool's home page, or {@code null}
 */
public record SarifTool(String version, String informationUri) {}
