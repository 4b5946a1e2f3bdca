/**
 * The Node flags the server runs with: `npm start` passes them (package.json says the same) and
 * `npm run bench` starts the app with them. See docs/performance.md (memory).
 */
// A young generation of 1 MB semi-spaces instead of Node 20's 16 MB: under 50 connections V8 let
// it grow to about 48 MB of short-lived garbage, which stayed resident (issue 12). The cost is
// more frequent (and shorter) scavenges; the benchmark shows no change in requests a second.
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];
