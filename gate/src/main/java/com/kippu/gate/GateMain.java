package com.kippu.gate;

import com.kippu.atm.center.CenterException;
import com.kippu.gate.bench.GateBenchmark;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code java -jar kippu-gate.jar <command>}: {@code run} serves the gate lane at the console,
 * {@code check-ticket <file>} decides for a printed ticket given as a PNG or its code's text,
 * {@code sync} brings the gate up to date with the center, {@code bench} measures offline
 * verification. Every command but {@code bench} reads {@code gate.properties} ({@code --config
 * <file>}).
 */
public final class GateMain {
  private GateMain() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "help" : args[0];
    Path config = Path.of(option(args, "--config").orElse("gate.properties"));
    switch (command) {
      case "bench" -> {
        int cards = Integer.parseInt(option(args, "--cards").orElse("2000"));
        int rounds = Integer.parseInt(option(args, "--rounds").orElse("15"));
        new GateBenchmark(cards, rounds, System.out).run();
      }
      case "run" -> {
        try (Gate gate = open(config)) {
          new GateConsole(gate, System.out).run();
        }
      }
      case "check-ticket" -> {
        if (args.length < 2) {
          fail("check-ticket needs the ticket file (PNG or code text)");
        }
        try (Gate gate = open(config)) {
          GateResult r = gate.lane().presentPaper(TicketFiles.read(Path.of(args[1])));
          r.staffView(gate.config().policy().zone()).forEach(System.out::println);
          System.exit(r.admitted() ? 0 : 1);
        }
      }
      case "sync" -> {
        try (Gate gate = open(config)) {
          gate.sync().forEach(System.out::println);
        } catch (CenterException e) {
          fail("sync failed: " + e.getMessage());
        }
      }
      default -> {
        System.out.println(
            "usage: kippu-gate run | check-ticket <file> | sync | bench [--cards N] [--rounds R]"
                + "  [--config gate.properties]");
        System.exit(command.equals("help") ? 0 : 2);
      }
    }
  }

  private static Gate open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      fail("no gate configuration at " + file + " (use --config <file>)");
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      p.load(in);
    }
    try {
      return Gate.open(GateConfig.from(p), Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      fail(e.getMessage());
      throw e;
    }
  }

  private static Optional<String> option(String[] args, String name) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return Optional.of(args[i + 1]);
      }
    }
    return Optional.empty();
  }

  private static void fail(String message) {
    System.err.println("kippu-gate: " + message);
    System.exit(2);
  }
}
