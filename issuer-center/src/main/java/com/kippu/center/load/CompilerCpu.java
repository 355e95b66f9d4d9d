package com.kippu.center.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of this JVM's JIT compiler threads, read from {@code /proc/self/task} (Linux; -1
 * elsewhere). Printed beside each measured sale: a sale during which the compiler still works is
 * measuring a JVM that is not warm yet.
 */
final class CompilerCpu {
  private static final Path TASKS = Path.of("/proc/self/task");
  private static final long MILLIS_PER_TICK = 10; // USER_HZ is 100 on Linux

  private CompilerCpu() {}

  /** Milliseconds of CPU the compiler threads used so far, or -1 if not readable here. */
  static long millis() {
    if (!Files.isDirectory(TASKS)) {
      return -1;
    }
    long ticks = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        ticks += compilerTicks(task);
      }
    } catch (IOException e) {
      return -1;
    }
    return ticks * MILLIS_PER_TICK;
  }

  private static long compilerTicks(Path task) {
    String stat;
    try {
      stat = Files.readString(task.resolve("stat"));
    } catch (IOException e) {
      return 0; // the thread ended meanwhile
    }
    int open = stat.indexOf('(');
    int close = stat.lastIndexOf(')');
    if (open < 0 || close < open || !stat.substring(open + 1, close).contains("CompilerThre")) {
      return 0;
    }
    // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt
    // utime stime, so utime and stime are fields 11 and 12 of the rest.
    String[] fields = stat.substring(close + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
