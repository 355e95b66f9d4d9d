package com.kippu.simulator.web;

import com.kippu.atm.spi.TerminalProfile;
import com.kippu.simulator.Branch;
import com.kippu.simulator.BranchLog;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The branch in the browser: starts the branch, serves its page on loopback and prints the address
 * to open; runs until the process is stopped.
 */
@Command(
    name = "web",
    description =
        "The branch in the browser (the default): serves the ATM, its devices, the operator"
            + " panel and the host side on loopback and prints the address to open.")
public final class WebCommand implements Callable<Integer> {
  @Mixin Options options = new Options();

  /** The web branch's options, also taken by the command line without a subcommand. */
  public static final class Options {
    @Option(names = "--port", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port = 8080;

    @Option(names = "--dir", description = "Branch state directory (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("run", "branch");

    @Option(
        names = "--terminal-kind",
        description =
            "BANK_ATM, IN_COMPANY_CD, KIOSK or HOME_PC: the devices, routes and payment methods"
                + " of that kind at start; the page's operator panel changes it between sessions"
                + " (default: ${DEFAULT-VALUE}).")
    TerminalProfile.Kind kind = TerminalProfile.Kind.BANK_ATM;
  }

  public WebCommand() {}

  public WebCommand(Options options) {
    this.options = options;
  }

  @Override
  public Integer call() throws Exception {
    int port = options.port;
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("--port must be from 0 to 65535, not " + port);
    }
    Path log = BranchLog.configure(options.dir);
    // The page may restart the terminal as another kind: the server opens and closes the branch.
    try (WebServer web =
        WebServer.start(
            kind ->
                Branch.open(
                    options.dir,
                    Clock.systemUTC(),
                    Branch.TERMINAL_ID,
                    Branch.PRESENT_TIMEOUT,
                    kind),
            options.kind,
            InetAddress.getByName("127.0.0.1"),
            port)) {
      CountDownLatch closed = new CountDownLatch(1);
      Thread stop =
          new Thread(
              () -> {
                web.stop();
                try {
                  // Let the branch close its databases and devices before the JVM ends.
                  closed.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "web-stop");
      Runtime.getRuntime().addShutdownHook(stop);
      System.out.println("Log: " + log);
      System.out.println("Kippu branch simulator: open " + web.uri() + " (Ctrl+C stops it)");
      System.out.flush();
      try {
        web.join();
      } finally {
        closed.countDown();
      }
    }
    return 0;
  }
}
