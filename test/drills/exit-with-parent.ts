/**
 * Preloaded (`--import`) into the server children of the fault and load drills: the child stops
 * (SIGTERM, its own graceful shutdown) when its standard input closes, that is when the drill's
 * process is gone, even if it was SIGKILLed and could run no cleanup. The same watchdog as
 * neo4j/Launcher.java's.
 */
process.stdin.on('close', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
process.stdin.resume();
