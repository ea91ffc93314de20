export {
  LLM_ANALYSIS_PARTS,
  SENTIMENTS,
  wantedAnalysisParts,
  type AnalysisInput,
  type CallAnalysis,
  type CallAnalyzer,
  type CallFacts,
  type LlmAnalysisPart,
  type LlmAnalysisParts,
  type Sentiment,
} from './call-analysis.js';
export { deriveCallFacts } from './derive-call-facts.js';
export {
  analyzeCall,
  DISABLED_REASON,
  NO_LLM_REASON,
  type AnalyzeCallOptions,
} from './analyze-call.js';
export {
  createOpenAiCallAnalyzer,
  ANALYSIS_SCHEMA_NAME,
  DEFAULT_ANALYSIS_TIMEOUT_MS,
  type OpenAiCallAnalyzerSettings,
} from './openai-call-analyzer.js';
export {
  buildAnalysisJsonSchema,
  toStrictFieldSchema,
  type JsonSchema,
} from './analysis-json-schema.js';
export { buildAnalysisMessages, MAX_TRANSCRIPT_CHARS } from './analysis-prompt.js';
export { parseAnalysisReply, ANALYSIS_REFUSED, INVALID_ANALYSIS_REPLY } from './analysis-reply.js';
