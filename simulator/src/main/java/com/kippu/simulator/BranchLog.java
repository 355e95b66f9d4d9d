package com.kippu.simulator;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Where the branch's log goes: everything from INFO up into {@code branch.log} in the branch
 * directory, one line per record (stack traces below it); the console gets warnings and errors
 * only, one line each, so they never break up the customer's screens. The log and its lock file are
 * readable by their owner only.
 */
public final class BranchLog {
  static final String FILE_NAME = "branch.log";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  private static volatile Path active;

  private BranchLog() {}

  /** The log file after {@link #configure}; null before. */
  static Path active() {
    return active;
  }

  /**
   * Replaces the JVM's log handlers: the file {@code dir/branch.log} (appended to) and a one-line
   * console handler for warnings. Returns the log file.
   */
  public static Path configure(Path dir) throws IOException {
    OwnerOnly.directory(dir);
    Path file = dir.resolve(FILE_NAME);
    // Made before the handler opens them, which would use the default umask.
    OwnerOnly.file(file);
    OwnerOnly.file(dir.resolve(FILE_NAME + ".lck"));
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    root.setLevel(Level.INFO);
    FileHandler toFile = new FileHandler(file.toString(), true);
    toFile.setEncoding("UTF-8");
    toFile.setLevel(Level.INFO);
    toFile.setFormatter(new OneLine(true));
    root.addHandler(toFile);
    Handler toConsole = new ConsoleHandler();
    toConsole.setLevel(Level.WARNING);
    toConsole.setFormatter(new OneLine(false));
    root.addHandler(toConsole);
    active = file;
    return file;
  }

  /** One line per record; the file form adds the time, the logger and the stack trace. */
  static final class OneLine extends Formatter {
    private final boolean full;

    OneLine(boolean full) {
      this.full = full;
    }

    @Override
    public String format(LogRecord r) {
      String message = formatMessage(r).replace('\n', ' ');
      StringBuilder b = new StringBuilder();
      if (full) {
        b.append(TIME.format(r.getInstant())).append(' ');
        b.append(r.getLevel().getName()).append(' ');
        b.append(r.getLoggerName()).append(": ").append(message);
      } else {
        b.append(r.getLevel().getName()).append(": ").append(message);
      }
      Throwable t = r.getThrown();
      if (t != null && !full) {
        b.append(" (").append(String.valueOf(t).replace('\n', ' ')).append(')');
      }
      b.append(System.lineSeparator());
      if (t != null && full) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        b.append(trace);
      }
      return b.toString();
    }
  }
}
