package com.kippu.devices.testvendor;

import java.util.ArrayList;
import java.util.List;
import jpos.JposConst;
import jpos.JposException;
import jpos.config.JposEntry;
import jpos.loader.JposServiceInstance;
import jpos.loader.JposServiceInstanceFactory;

/**
 * A vendor factory as the JCL defines it: reads the port from the entry's properties and refuses an
 * entry without one, the way vendor factories configure their services.
 */
public class MemoryCardFactory implements JposServiceInstanceFactory {

  static final List<String> CREATED = new ArrayList<>();

  @Override
  public JposServiceInstance createInstance(String logicalName, JposEntry entry)
      throws JposException {
    if (!entry.hasPropertyWithName("port")) {
      throw new JposException(JposConst.JPOS_E_NOSERVICE, "no port configured");
    }
    CREATED.add(
        logicalName
            + " "
            + entry.getPropertyValue("port")
            + " "
            + entry.getPropertyValue("serviceClass")
            + " "
            + entry.getPropertyType("baudRate").getSimpleName()
            + " "
            + entry.getPropertyValue("baudRate"));
    return new MemoryCardService();
  }
}
