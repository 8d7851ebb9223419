// Preload (node -r ./supervise.js ...): the emulator exits as soon as its standard input closes. The JVM that starts
// it (local.LocalAws) holds the other end of that pipe, so when the JVM ends for any reason, even kill -9, the pipe
// closes and no emulator is left behind. SIGINT/SIGTERM (Ctrl-C on the process group) also end it at once.
'use strict';

function stop(reason) {
  process.stderr.write(`[supervise] ${reason}: exiting\n`);
  process.exit(0);
}

process.stdin.on('data', () => {});
process.stdin.on('end', () => stop('stdin closed (the JVM is gone)'));
process.stdin.on('close', () => stop('stdin closed (the JVM is gone)'));
process.stdin.on('error', () => stop('stdin error'));
process.stdin.resume();
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGHUP', () => stop('SIGHUP'));
