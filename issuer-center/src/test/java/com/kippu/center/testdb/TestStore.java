package com.kippu.center.testdb;

import com.kippu.center.CenterConfig;
import java.nio.file.Path;

/** The two engines every storage-facing test runs on. */
public enum TestStore {
  SQLITE {
    @Override
    public CenterConfig.Store create(Path dir) {
      return CenterConfig.Store.sqlite(dir.resolve("center.db"));
    }
  },
  POSTGRESQL {
    @Override
    public CenterConfig.Store create(Path dir) {
      return CenterConfig.Store.postgres(TestPostgres.newDatabaseUrl(), "", "");
    }
  };

  /** A new, empty store; {@code dir} is a per-test temporary directory. */
  public abstract CenterConfig.Store create(Path dir);
}
