package dev.analyzer.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageTypeTest {

  @Test
  void terminalRequestsAreExactlyTheAnalysisRequestsAndTheirAliases() {
    assertThat(MessageType.values()).filteredOn(MessageType::isTerminalRequest).containsExactlyInAnyOrder(
        MessageType.STATIC_ANALYZE, MessageType.DYNAMIC_ANALYZE, MessageType.PERFORMANCE_TEST,
        MessageType.PERFORMANCE_ANALYSIS, MessageType.AI_ANALYZE, MessageType.AI_ANALYSIS,
        MessageType.ANALYSIS_REQUEST);
  }

  @Test
  void aliasesMapToTheSameKind() {
    assertThat(MessageType.PERFORMANCE_ANALYSIS.analysisKind()).contains(AnalysisKind.PERFORMANCE);
    assertThat(MessageType.AI_ANALYSIS.analysisKind()).contains(AnalysisKind.AI);
    assertThat(MessageType.ANALYSIS_REQUEST.analysisKind()).isEmpty();
  }

  @Test
  void wireLookupIgnoresCaseAndBlanks() {
    assertThat(MessageType.fromWire(" Static_Analyze ")).contains(MessageType.STATIC_ANALYZE);
    assertThat(MessageType.fromWire("nope")).isEmpty();
    assertThat(MessageType.fromWire(null)).isEmpty();
  }

  @Test
  void analysisTypesRouteByPrefixAsTheGatewayDid() {
    assertThat(AnalysisKind.fromAnalysisType("security")).contains(AnalysisKind.STATIC);
    assertThat(AnalysisKind.fromAnalysisType("zap")).contains(AnalysisKind.DYNAMIC);
    assertThat(AnalysisKind.fromAnalysisType("security-dynamic")).contains(AnalysisKind.DYNAMIC);
    assertThat(AnalysisKind.fromAnalysisType("Security_Dynamic")).contains(AnalysisKind.DYNAMIC);
    assertThat(AnalysisKind.fromAnalysisType("security-static")).contains(AnalysisKind.STATIC);
    assertThat(AnalysisKind.fromAnalysisType("performance")).contains(AnalysisKind.PERFORMANCE);
    assertThat(AnalysisKind.fromAnalysisType("ai-requirements")).contains(AnalysisKind.AI);
    assertThat(AnalysisKind.fromAnalysisType("comprehensive")).isEmpty();
  }

  @Test
  void kindsResolveWhicheverEnumIsInitializedFirst() throws Exception {
    java.net.URL classes = AnalysisKind.class.getProtectionDomain().getCodeSource().getLocation();
    try (java.net.URLClassLoader fresh = new java.net.URLClassLoader(new java.net.URL[] {classes}, null)) {
      Class<?> kind = Class.forName(AnalysisKind.class.getName(), true, fresh);
      Object staticKind = kind.getField("STATIC").get(null);
      Class<?> type = Class.forName(MessageType.class.getName(), true, fresh);
      Object staticAnalyze = type.getField("STATIC_ANALYZE").get(null);

      Object resolved = type.getMethod("analysisKind").invoke(staticAnalyze);

      assertThat(resolved).isEqualTo(java.util.Optional.of(staticKind));
    }
  }

  @Test
  void kindsKnowTheirPortsAndServices() {
    assertThat(AnalysisKind.STATIC.defaultPort()).isEqualTo(2001);
    assertThat(AnalysisKind.AI.defaultPort()).isEqualTo(2004);
    assertThat(AnalysisKind.PERFORMANCE.defaultServiceName()).isEqualTo("performance-tester");
    assertThat(AnalysisKind.DYNAMIC.resultType()).isEqualTo(MessageType.DYNAMIC_ANALYSIS_RESULT);
  }
}
