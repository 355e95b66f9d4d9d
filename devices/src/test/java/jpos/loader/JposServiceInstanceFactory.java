package jpos.loader;

import jpos.JposException;
import jpos.config.JposEntry;

/**
 * Test-only stand-in for the JavaPOS Config Loader's factory interface, which is not published to
 * Maven Central: what a vendor's factory named in jpos.xml implements. Never on the main class
 * path.
 */
public interface JposServiceInstanceFactory {

  JposServiceInstance createInstance(String logicalName, JposEntry entry) throws JposException;
}
