package com.kippu.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The branch's TLS certificates for the center's HTTPS connector (S2 ¶52), made once per branch
 * with the JDK's keytool (nothing downloaded) under {@code tls/}: a branch CA, the center's key and
 * certificate for 127.0.0.1 signed by it, the terminal's client certificate (its common name the
 * terminal id) signed by it, and a trust store holding the CA alone. The stores' password is random
 * and kept owner-only beside them.
 */
public final class BranchCertificates {
  private final Path dir;
  private final String password;

  private BranchCertificates(Path dir, String password) {
    this.dir = dir;
    this.password = password;
  }

  /** The certificates under {@code branchDir/tls}, made when missing. */
  public static BranchCertificates of(Path branchDir, String terminalId) throws IOException {
    Path dir = branchDir.resolve("tls");
    Path passwordFile = dir.resolve("password");
    if (Files.exists(passwordFile) && Files.exists(dir.resolve("terminal.p12"))) {
      return new BranchCertificates(dir, Files.readString(passwordFile).strip());
    }
    Files.createDirectories(dir);
    OwnerOnly.directory(dir);
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    String password = HexFormat.of().formatHex(random);
    BranchCertificates certs = new BranchCertificates(dir, password);
    certs.make(terminalId);
    Files.writeString(passwordFile, password);
    OwnerOnly.file(passwordFile);
    return certs;
  }

  /** A CA of its own, not the branch's: a certificate it signs is not trusted by the center. */
  public static BranchCertificates stranger(Path dir, String commonName) throws IOException {
    Files.createDirectories(dir);
    BranchCertificates certs = new BranchCertificates(dir, "stranger-password");
    certs
        .keytool("-genkeypair", "-alias", "ca", "-dname", "CN=Stranger CA", "-ext", "bc:c")
        .withStore("ca.p12")
        .run();
    certs.exportCa();
    certs.signed("terminal", "CN=" + commonName, "EKU=clientAuth");
    return certs;
  }

  private void make(String terminalId) throws IOException {
    keytool("-genkeypair", "-alias", "ca", "-dname", "CN=Kippu Branch CA", "-ext", "bc:c")
        .withStore("ca.p12")
        .run();
    exportCa();
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.pem").toString())
        .withStore("trust.p12")
        .run();
    signed("center", "CN=127.0.0.1", "SAN=ip:127.0.0.1");
    signed("terminal", "CN=" + terminalId, "EKU=clientAuth");
  }

  private void exportCa() throws IOException {
    keytool("-exportcert", "-rfc", "-alias", "ca", "-file", dir.resolve("ca.pem").toString())
        .withStore("ca.p12")
        .run();
  }

  /** A key pair in {@code <name>.p12} whose certificate the CA signed, with the CA in its chain. */
  private void signed(String name, String dname, String extension) throws IOException {
    String store = name + ".p12";
    keytool("-genkeypair", "-alias", name, "-dname", dname).withStore(store).run();
    Path csr = dir.resolve(name + ".csr");
    Path pem = dir.resolve(name + ".pem");
    keytool("-certreq", "-alias", name, "-file", csr.toString()).withStore(store).run();
    keytool(
            "-gencert",
            "-rfc",
            "-alias",
            "ca",
            "-infile",
            csr.toString(),
            "-outfile",
            pem.toString(),
            "-ext",
            extension)
        .withStore("ca.p12")
        .run();
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.pem").toString())
        .withStore(store)
        .run();
    keytool("-importcert", "-alias", name, "-file", pem.toString()).withStore(store).run();
    Files.delete(csr);
  }

  /**
   * A client certificate of the branch CA for {@code terminalId} (e.g. another terminal's), in its
   * own PKCS#12 file under the same password.
   */
  public Path clientKeyStore(String terminalId) throws IOException {
    String name = "client-" + terminalId;
    if (!Files.exists(dir.resolve(name + ".p12"))) {
      signed(name, "CN=" + terminalId, "EKU=clientAuth");
    }
    return dir.resolve(name + ".p12");
  }

  /** The center's key and certificate (PKCS#12). */
  public Path centerKeyStore() {
    return dir.resolve("center.p12");
  }

  /** The terminal's key and client certificate (PKCS#12). */
  public Path terminalKeyStore() {
    return dir.resolve("terminal.p12");
  }

  /** The CA's certificate alone (PKCS#12): the terminal's and the center's trust store. */
  public Path trustStore() {
    return dir.resolve("trust.p12");
  }

  public String password() {
    return password;
  }

  private Keytool keytool(String... args) {
    return new Keytool(List.of(args));
  }

  private final class Keytool {
    private final List<String> args;
    private String store;

    Keytool(List<String> args) {
      this.args = args;
    }

    Keytool withStore(String file) {
      this.store = file;
      return this;
    }

    void run() throws IOException {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
      command.addAll(args);
      if (args.get(0).equals("-genkeypair")) {
        command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30"));
      }
      command.addAll(
          List.of(
              "-storetype",
              "PKCS12",
              "-keystore",
              dir.resolve(store).toString(),
              "-storepass",
              password));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = p.getInputStream().readAllBytes();
      try {
        if (p.waitFor() != 0) {
          throw new IOException(
              "keytool " + args.get(0) + " failed: " + new String(output).strip());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted waiting for keytool", e);
      }
    }
  }
}
