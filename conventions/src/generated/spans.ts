// DO NOT EDIT: generated from conventions/model/ by conventions/scripts/generate.ts.
// Regenerate with `npm run generate -w conventions`.

/**
 * A model inference call (one or more rows scored by one model version).
 *
 * Span kind: `internal`. **Span name** SHOULD be `{ml.operation.name} {ml.model.name}`, e.g.
 * `predict fraud-detector`.
 *
 * @note Kind INTERNAL when the predict function runs in process; CLIENT when calling a remote
 * model server (Open Inference Protocol, SageMaker). The SERVER span belongs to the HTTP or gRPC
 * server that contains it. Optional INTERNAL child spans `preprocess {ml.model.name}` and
 * `postprocess {ml.model.name}` break the latency down.
 *
 * @experimental This item has stability `development` and may change in a minor release of
 * `@mlmon/conventions`.
 */
export const SPAN_ML_INFERENCE = 'ml.inference' as const;
