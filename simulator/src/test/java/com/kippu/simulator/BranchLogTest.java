package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The branch log: what it writes and who may read it. */
class BranchLogTest {
  @TempDir Path tmp;

  @AfterEach
  void restoreLogging() throws IOException {
    LogManager.getLogManager().readConfiguration();
  }

  @Test
  void aNewBranchDirectoryTheLogAndItsLockAreOwnerOnly() throws IOException {
    assumeTrue(OwnerOnly.posix(tmp));
    Path dir = tmp.resolve("run").resolve("branch");

    Path log = BranchLog.configure(dir);
    Logger.getLogger(BranchLogTest.class.getName())
        .log(Level.SEVERE, "session failed", new IllegalStateException("journal closed"));

    assertEquals(OwnerOnly.DIRECTORY, Files.getPosixFilePermissions(dir));
    assertEquals(OwnerOnly.FILE, Files.getPosixFilePermissions(log));
    assertEquals(OwnerOnly.FILE, Files.getPosixFilePermissions(dir.resolve("branch.log.lck")));
    String text = Files.readString(log);
    assertTrue(text.contains("SEVERE " + BranchLogTest.class.getName() + ": session failed"), text);
    assertTrue(text.contains("java.lang.IllegalStateException: journal closed"), text);
    assertTrue(text.contains("\tat " + BranchLogTest.class.getName()), text);
  }

  @Test
  void aLogLeftReadableByEveryoneIsNarrowedButAnExistingDirectoryIsLeftAlone() throws IOException {
    assumeTrue(OwnerOnly.posix(tmp));
    Path dir = Files.createDirectory(tmp.resolve("shared"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path old = Files.createFile(dir.resolve(BranchLog.FILE_NAME));
    Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));

    Path log = BranchLog.configure(dir);

    assertEquals(OwnerOnly.FILE, Files.getPosixFilePermissions(log));
    assertEquals(PosixFilePermissions.fromString("rwxr-xr-x"), Files.getPosixFilePermissions(dir));
  }
}
