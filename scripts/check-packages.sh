#!/usr/bin/env bash
# Proves the published shape of the three packages: `npm pack`s them, installs the tarballs into
# an empty ESM project the way a user would (`npm install`, install scripts on), and checks what a
# user relies on — each entry point imports, its types compile, the `mlmon` bin runs, and the
# optional peers stay optional (no SDK or onnxruntime-node until asked for, and a clear exit 2
# from `mlmon demo` while they are missing). Run from anywhere after `npm ci`; exits non-zero
# with a `check-packages: FAILED …` line on the first problem.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/mlmon-packages-XXXXXX")"
APP="$WORK/app"
trap 'rm -rf "$WORK"' EXIT

step() { printf 'check-packages: %s\n' "$*"; }
fail() {
  printf 'check-packages: FAILED: %s\n' "$*" >&2
  exit 1
}
# The exact version the repository pins for a package (root devDependencies).
pinned() { node -p "require('$ROOT/package.json').devDependencies['$1']"; }
# Runs `mlmon …` in the app; prints its output on an unexpected exit status.
expect_mlmon() {
  local want="$1" out status
  shift
  set +e
  out="$(cd "$APP" && npx --no-install mlmon "$@" 2>&1)"
  status=$?
  set -e
  if [[ "$status" != "$want" ]]; then
    printf '%s\n' "$out" >&2
    fail "mlmon $* exited $status, expected $want"
  fi
  MLMON_OUTPUT="$out"
}
# Fails when a package is installed in the app.
absent() {
  local name
  for name in "$@"; do
    [[ ! -e "$APP/node_modules/$name" ]] || fail "$name is installed but nothing asked for it"
  done
}
quiet_install() {
  (cd "$APP" && npm install --no-audit --no-fund --loglevel=error "$@" >/dev/null) ||
    fail "npm install $* in the empty project"
}

step "building and packing conventions, instrumentation, processor"
(cd "$ROOT" && npm run build --silent >/dev/null) || fail "npm run build"
(cd "$ROOT" && npm pack --silent --pack-destination "$WORK" \
  --workspace conventions --workspace instrumentation --workspace processor >/dev/null) ||
  fail "npm pack"
CONVENTIONS="$WORK/mlmon-conventions-0.1.0.tgz"
INSTRUMENTATION="$WORK/mlmon-instrumentation-0.1.0.tgz"
PROCESSOR="$WORK/mlmon-processor-0.1.0.tgz"
for tarball in "$CONVENTIONS" "$INSTRUMENTATION" "$PROCESSOR"; do
  [[ -f "$tarball" ]] || fail "npm pack did not write $(basename "$tarball")"
done
if tar -tzf "$PROCESSOR" | grep -E '\.test\.(js|d\.ts)$|/src/' >/dev/null; then
  fail "the processor tarball ships tests or sources"
fi

mkdir -p "$APP"
cat >"$APP/package.json" <<'JSON'
{ "name": "mlmon-package-check", "version": "1.0.0", "private": true, "type": "module" }
JSON

step "processor alone: the service, the batch CLI, no SDK, no onnxruntime-node"
quiet_install "$CONVENTIONS" "$PROCESSOR"
absent @mlmon/instrumentation onnxruntime-node @opentelemetry/sdk-trace-node @opentelemetry/sdk-metrics
(cd "$APP" && node --input-type=module -e "
  const p = await import('@mlmon/processor');
  const c = await import('@mlmon/conventions');
  for (const [name, value] of Object.entries({ MlmonService: p.MlmonService, loadServeConfig: p.loadServeConfig, numericDrift: p.numericDrift })) {
    if (typeof value !== 'function') throw new Error('@mlmon/processor has no ' + name);
  }
  if (typeof c.ATTR_ML_MODEL_NAME !== 'string') throw new Error('@mlmon/conventions has no ATTR_ML_MODEL_NAME');
") || fail "importing @mlmon/processor and @mlmon/conventions"
expect_mlmon 0 --help
[[ "$MLMON_OUTPUT" == *drift* && "$MLMON_OUTPUT" == *serve* ]] || fail "mlmon --help lists no commands"
printf 'x,colour\n' >"$APP/reference.csv"
printf 'x,colour\n' >"$APP/current.csv"
for i in $(seq 1 200); do
  printf '%s,%s\n' "$((i % 50))" "$([[ $((i % 3)) == 0 ]] && echo red || echo blue)" >>"$APP/reference.csv"
  printf '%s,%s\n' "$((i % 50 + 30))" "$([[ $((i % 3)) == 0 ]] && echo red || echo blue)" >>"$APP/current.csv"
done
expect_mlmon 0 drift --reference reference.csv --current current.csv --format json
node -e '
  const r = JSON.parse(process.argv[1]);
  const x = r.columns.find((c) => c.name === "x");
  if (!x || x.status !== "drift") throw new Error("x did not drift: " + JSON.stringify(x));
' "$MLMON_OUTPUT" || fail "mlmon drift did not report the shifted column as drifted"
expect_mlmon 2 drift --reference reference.csv --current missing.csv
expect_mlmon 2 demo --duration 1
[[ "$MLMON_OUTPUT" == *"@mlmon/instrumentation"*"npm install"* ]] ||
  fail "mlmon demo without its optional packages does not say what to install: $MLMON_OUTPUT"

step "instrumentation: main entry with @opentelemetry/api only, /sdk after its optional peers"
quiet_install "$INSTRUMENTATION"
absent @opentelemetry/sdk-trace-node @opentelemetry/sdk-metrics @opentelemetry/sdk-logs \
  @opentelemetry/exporter-trace-otlp-proto onnxruntime-node
[[ -e "$APP/node_modules/@opentelemetry/api" ]] || fail "the @opentelemetry/api peer was not installed"
(cd "$APP" && node --input-type=module -e "
  const i = await import('@mlmon/instrumentation');
  if (typeof i.ModelMonitor !== 'function' || typeof i.wrapPredict !== 'function') throw new Error('no ModelMonitor/wrapPredict');
  if ('startOtlpPipeline' in i) throw new Error('the main entry still exports startOtlpPipeline');
  const predict = i.wrapPredict((x) => x * 2, { modelName: 'check', task: 'regression' });
  if (predict(21) !== 42) throw new Error('wrapPredict changed the result');
") || fail "importing @mlmon/instrumentation without the SDK"
sdk_peers=(
  @opentelemetry/resources @opentelemetry/sdk-logs @opentelemetry/sdk-metrics
  @opentelemetry/sdk-trace-base @opentelemetry/sdk-trace-node
  @opentelemetry/exporter-logs-otlp-proto @opentelemetry/exporter-metrics-otlp-proto
  @opentelemetry/exporter-trace-otlp-proto
)
specs=()
for name in "${sdk_peers[@]}"; do specs+=("$name@$(pinned "$name")"); done
quiet_install "${specs[@]}"
(cd "$APP" && node --input-type=module -e "
  const { startOtlpPipeline } = await import('@mlmon/instrumentation/sdk');
  const otel = startOtlpPipeline({ serviceName: 'check', endpoint: 'http://127.0.0.1:9' });
  if (typeof otel.tracerProvider.getTracer !== 'function') throw new Error('no tracer provider');
") || fail "importing @mlmon/instrumentation/sdk with its optional peers"
expect_mlmon 0 proxy --help
expect_mlmon 2 demo --duration 1
[[ "$MLMON_OUTPUT" == *"onnxruntime-node is missing"* ]] ||
  fail "mlmon demo without onnxruntime-node does not name it: $MLMON_OUTPUT"

step "types: a TypeScript file importing every entry compiles"
quiet_install "@types/node@$(pinned @types/node)"
cat >"$APP/tsconfig.json" <<'JSON'
{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "noEmit": true,
    "skipLibCheck": false,
    "types": ["node"]
  },
  "files": ["check.ts"]
}
JSON
cat >"$APP/check.ts" <<'TS'
import { ATTR_ML_MODEL_NAME, ML_MODEL_TASK_VALUE_REGRESSION } from '@mlmon/conventions';
import { ModelMonitor, type ModelMonitorConfig } from '@mlmon/instrumentation';
import { startOtlpPipeline, type OtlpPipeline } from '@mlmon/instrumentation/sdk';
import {
  DEFAULT_SERVE_CONFIG,
  MlmonService,
  numericDrift,
  type ServeConfig,
  type WindowResult,
} from '@mlmon/processor';

const config: ServeConfig = { ...DEFAULT_SERVE_CONFIG, otlpHttpPort: 0 };
const service: MlmonService = new MlmonService({ config });
const results: Promise<WindowResult[]> = service.flush();
const monitorConfig: ModelMonitorConfig = { modelName: 'check', task: ML_MODEL_TASK_VALUE_REGRESSION };
const monitor = new ModelMonitor(monitorConfig);
const pipeline: (serviceName: string) => OtlpPipeline = (serviceName) =>
  startOtlpPipeline({ serviceName });
const drift = numericDrift([1, 2, 3], [2, 3, 4]);
const psi: number | null = drift.psi.ok ? drift.psi.value : null;
const key: string = ATTR_ML_MODEL_NAME;
export { key, monitor, pipeline, psi, results };
TS
(cd "$APP" && node "$ROOT/node_modules/typescript/bin/tsc" -p tsconfig.json) ||
  fail "tsc --noEmit on a file importing the published types"

step "README: the TypeScript example of 'Instrument your own model' compiles and runs (ESM project)"
# The first ts block after the heading, exactly as a reader copies it.
awk '/^### 4\. Instrument your own model/ { section = 1 }
  section && /^```ts$/ { inside = 1; next }
  inside && /^```$/ { exit }
  inside { print }' "$ROOT/README.md" >"$APP/readme-example.ts"
[[ -s "$APP/readme-example.ts" ]] || fail "no TypeScript example found under README's '### 4.'"
cat >"$APP/tsconfig.readme.json" <<'JSON'
{
  "extends": "./tsconfig.json",
  "compilerOptions": { "noEmit": false, "outDir": "readme-dist" },
  "files": ["readme-example.ts"]
}
JSON
(cd "$APP" && node "$ROOT/node_modules/typescript/bin/tsc" -p tsconfig.readme.json) ||
  fail "the README's TypeScript example does not compile in a \"type\": \"module\" project"
# Pointed at the discard port (refused at once), so it sends nowhere: the failed export is the
# SDK's to report and does not fail the app.
sed -i 's|http://localhost:4318|http://127.0.0.1:9|' "$APP/readme-dist/readme-example.js"
(cd "$APP" && node readme-dist/readme-example.js >/dev/null 2>&1) ||
  fail "the README's TypeScript example does not run in a \"type\": \"module\" project"

step "examples/node-app: built from the tarballs, its predictions drift on mlmon serve from the tarball"
EXAMPLE="$WORK/node-app"
cp -R "$ROOT/examples/node-app" "$EXAMPLE"
rm -rf "$EXAMPLE/node_modules" "$EXAMPLE/dist"
(cd "$EXAMPLE" && npm install --no-audit --no-fund --loglevel=error --prefer-offline \
  "$CONVENTIONS" "$INSTRUMENTATION" "$PROCESSOR" "@opentelemetry/api@$(pinned @opentelemetry/api)" \
  "${specs[@]}" "@types/node@$(pinned @types/node)" >/dev/null) ||
  fail "npm install in examples/node-app"
[[ ! -e "$EXAMPLE/node_modules/onnxruntime-node" ]] || fail "onnxruntime-node was installed into the example"
(cd "$EXAMPLE" && node "$ROOT/node_modules/typescript/bin/tsc" -p tsconfig.json) ||
  fail "tsc in examples/node-app"
SERVE_LOG="$WORK/serve.log"
(cd "$EXAMPLE" && exec npx --no-install mlmon serve --host 127.0.0.1 --otlp-http-port 0 \
  --otlp-grpc-port 0 --prometheus-port 0 --window-seconds 3 --allowed-lateness-seconds 1 \
  --data-dir "$WORK/mlmon-data") >"$SERVE_LOG" 2>&1 &
SERVE_PID=$!
trap 'kill "$SERVE_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 100); do
  grep -q 'listening' "$SERVE_LOG" && break
  sleep 0.1
done
OTLP_PORT="$(sed -n 's/.*OTLP\/HTTP 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$SERVE_LOG")"
ADMIN_PORT="$(sed -n 's/.*\/metrics on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$SERVE_LOG")"
[[ -n "$OTLP_PORT" && -n "$ADMIN_PORT" ]] || fail "mlmon serve did not start: $(cat "$SERVE_LOG")"
(cd "$EXAMPLE" && OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$OTLP_PORT" MLMON_WINDOW_SECONDS=3 \
  npm start --silent) || fail "examples/node-app exited non-zero"
# The drifted window closes 3 s after it began plus 1 s lateness; give the flush tick 20 s.
drifted=""
for _ in $(seq 1 40); do
  drifted="$(curl -fsS "http://127.0.0.1:$ADMIN_PORT/metrics" | grep '^ml_drift_status{' |
    grep 'ml_model_name="example-loan-default"' | grep 'ml_feature_name="income"' |
    grep 'ml_drift_state="drift"' | grep ' 1$' || true)"
  [[ -n "$drifted" ]] && break
  sleep 0.5
done
[[ -n "$drifted" ]] || fail "mlmon serve never reported income as drifted for the example app"
stationary="$(curl -fsS "http://127.0.0.1:$ADMIN_PORT/metrics" | grep '^ml_drift_status{' |
  grep 'ml_model_name="example-loan-default"' | grep 'ml_feature_name="age"' |
  grep 'ml_drift_state="no_drift"' | grep ' 1$' || true)"
[[ -n "$stationary" ]] || fail "mlmon serve did not decide no_drift for the example's stable age"
kill "$SERVE_PID"
wait "$SERVE_PID" || true

step "ok: imports, types, the mlmon bin and the example app work from the packed tarballs"
