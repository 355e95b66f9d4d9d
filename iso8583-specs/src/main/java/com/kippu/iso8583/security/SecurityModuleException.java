package com.kippu.iso8583.security;

/** A key or PIN block the security module refuses: wrong type, bad check value, bad format. */
public final class SecurityModuleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SecurityModuleException(String message) {
    super(message);
  }

  public SecurityModuleException(String message, Throwable cause) {
    super(message, cause);
  }
}
