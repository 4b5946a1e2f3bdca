/**
 * The Node flags the server runs with: `npm start` passes them (package.json says the same) and
 * `npm run bench` starts the app with them. See docs/performance.md (memory).
 */
// A young generation of 4 MB semi-spaces instead of Node 20's 16 MB: under 50 connections V8 let
// it grow to about 48 MB of short-lived garbage, which stayed resident (issue 12). 1 MB kept it
// smallest but cost a scavenge every 20 requests or so, each copying what the requests in flight
// still held: a sixth of a theme page's CPU (255 against 217 µs a request at 4 MB, same run;
// pages then stayed at 102 MB rather than 96).
// The old generation grows by a quarter of what is live after each full collection, not by up to
// four times: V8 chose four because collecting was cheap, so a heap of 18 MB live grew to 75 MB of
// promoted garbage before the next one, and stayed resident (issue 12: RSS after the report
// scenarios 123 to 177 MB, then 121 to 125; more, shorter full collections, about a tenth more
// CPU a report page).
// No optimising compile (TurboFan) of a function of more than 8 KB of bytecode, where V8's limit
// is 60 KB: the compiled report template (views/report/round.ejs, one function) is such a one, and
// V8 compiled it three times in the first 400 report pages, 140 to 160 ms each on a helper thread
// (--trace-opt), with tens of MB of compiler memory each time: the server's RSS went from 119 to
// 136-156 MB at the start of each report scenario and came back (issue 12). Without it the report
// page took as long (253 against 253 pages a second, one connection) and the RSS stayed under 113
// MB; the theme and welcome pages' CPU a request moved by 1 and 2% (npm run bench:compare, within its noise).
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--heap-growing-percent=25', '--max-optimized-bytecode-size=8192'];
