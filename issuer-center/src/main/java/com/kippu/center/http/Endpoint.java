package com.kippu.center.http;

/** One operation of the API. */
@FunctionalInterface
interface Endpoint {
  Response handle(Request request) throws ApiException;
}
