package com.kippu.simulator.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;

/**
 * One page of a real browser as the browser tests drive it: open an address, read the page with
 * JavaScript, click the middle of an element with the mouse, wait for a condition, screenshot.
 */
interface BrowserPage extends AutoCloseable {
  void open(URI uri) throws Exception;

  /** The value of a JavaScript expression in the page (a promise is awaited). */
  JsonNode eval(String expression) throws Exception;

  /** Clicks the middle of the element as a mouse would; fails when it is missing or disabled. */
  void click(String selector) throws Exception;

  /** Waits until a JavaScript condition holds in the page, or fails naming {@code what}. */
  void await(String what, String condition) throws Exception;

  /** Writes a PNG of the page to {@code file}; how many distinct colours it holds. */
  int screenshot(Path file) throws Exception;

  default String text(String selector) throws Exception {
    return eval("document.querySelector(" + quote(selector) + ")?.textContent ?? ''").asText();
  }

  @Override
  void close();

  static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
