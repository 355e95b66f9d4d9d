package com.kippu.center;

import java.net.URI;
import java.nio.file.Path;

/**
 * A center served over HTTPS (a test key store), and a client that trusts it: the home PC's way.
 */
abstract class HttpsCenterTestBase extends CenterTestBase {
  private Path keyStore;

  @Override
  CenterConfig adjusted(CenterConfig config) throws Exception {
    keyStore = TestTls.keyStore(dir);
    return config.withTls(new TlsSettings(keyStore, TestTls.PASSWORD));
  }

  @Override
  CenterClient client(URI base) throws Exception {
    return new CenterClient(base, clock, TestTls.trusting(keyStore));
  }
}
