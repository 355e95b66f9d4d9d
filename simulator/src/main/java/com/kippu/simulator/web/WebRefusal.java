package com.kippu.simulator.web;

/**
 * A request from the page that the branch refuses, with the HTTP status and the message the page
 * shows; nothing was changed.
 */
final class WebRefusal extends Exception {
  private final int status;

  WebRefusal(int status, String message) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}
