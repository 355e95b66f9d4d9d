package com.kippu.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files and directories of a branch that only its owner may read: keys, the log and the directory
 * holding the databases with account references. Where the file system has no POSIX permissions
 * they are created plainly.
 */
final class OwnerOnly {
  static final Set<PosixFilePermission> FILE =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  static final Set<PosixFilePermission> DIRECTORY =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE);

  private OwnerOnly() {}

  /**
   * Creates {@code dir} (and missing parents) with owner-only access; a directory that already
   * exists is left as it is, since it may be one the user chose to share.
   */
  static void directory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    if (posix(dir)) {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
    } else {
      Files.createDirectory(dir);
    }
  }

  /**
   * Creates the empty {@code file} with owner-only access, or narrows the access of an existing one
   * (left readable by everyone by an older simulator). Returns whether it was created.
   */
  static boolean file(Path file) throws IOException {
    boolean posix = posix(file);
    if (!Files.exists(file)) {
      if (posix) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
      } else {
        Files.createFile(file);
      }
      return true;
    }
    if (posix && !Files.getPosixFilePermissions(file).equals(FILE)) {
      Files.setPosixFilePermissions(file, FILE);
    }
    return false;
  }

  static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
