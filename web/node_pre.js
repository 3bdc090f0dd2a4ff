// sleepnet command line under node (linked with --pre-js): before main() runs, the program gets the shell's
// environment (SLEEPNET_MNIST_DIR), which Emscripten does not pass on, and learns whether stderr is a
// terminal (Emscripten's isatty says yes for every standard stream), so progress is plain lines in a log.
Module['preRun'] = [].concat(Module['preRun'] || [], function () {
  // Emscripten copies ENV into memory one byte per character: hand it the UTF-8 bytes ("dé" stays a path).
  for (var key in process.env) ENV[key] = Buffer.from(process.env[key], 'utf8').toString('latin1');
  ENV['SLEEPNET_STDERR_IS_TTY'] = process.stderr.isTTY ? '1' : '0';
});
