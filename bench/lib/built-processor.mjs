/**
 * `node --import tsx --import ./bench/lib/built-processor.mjs …`: the benchmarks' imports of the
 * processor's sources (`processor/src/**`) load the built `processor/dist/**` instead, the code
 * `mlmon serve` and `npm start` run. Run through tsx, the sources cost more (measured: a steady
 * 500-stream window close took 1.0 s built and 1.8 s from source), so timings from source would
 * overstate what users pay. `npm run bench` builds first.
 */
import { register } from 'node:module';

register('./built-processor-resolve.mjs', import.meta.url);
