package com.kippu.simulator;

import com.kippu.atm.spi.CustomerTerminal;
import java.util.List;

/**
 * Someone watching the scripted demo (the browser page of {@code demo --web}): told of each
 * scenario and its branch, sees every screen the scripted customer is shown and its answer, and the
 * outcome. The default watches nothing.
 */
public interface DemoWatcher {
  DemoWatcher NONE =
      new DemoWatcher() {
        @Override
        public void started(String scenario, String title, Branch branch) {}

        @Override
        public CustomerTerminal watching(CustomerTerminal script) {
          return script;
        }

        @Override
        public void finished(String scenario, List<String> failures) {}
      };

  void started(String scenario, String title, Branch branch);

  /** The scripted customer as the session sees it: screens and answers pass through the watcher. */
  CustomerTerminal watching(CustomerTerminal script);

  void finished(String scenario, List<String> failures);
}
