/** The closed list of diagnostic codes every stage of aigate reports. Tests assert on these. */

export const DIAGNOSTIC_CODES = [
  // loading
  'config_not_found',
  'config_load_failed',
  'config_no_export',
  // shape
  'invalid_type',
  'invalid_value',
  'missing_required',
  'unknown_key',
  'out_of_range',
  'invalid_format',
  // cross-references and semantics
  'duplicate_name',
  'duplicate_path',
  'unknown_reference',
  'route_type_unsupported',
  'provider_option_missing',
  'conflicting_options',
  'invalid_regex',
  'regex_catastrophic',
  'policy_scope_invalid',
  'policy_dependency_missing',
  'model_price_missing',
  'model_kind_mismatch',
  'secret_inline',
  'secret_reference_invalid',
  // targets
  'unsupported_by_target',
  'target_unknown',
  // cli
  'usage',
  'output_stale',
  'write_failed',
  // diff and sync
  'secret_unavailable',
  'sync_failed',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];
