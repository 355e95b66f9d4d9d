package com.kippu.center.http;

/**
 * A set of routes of one concept. New concepts add a group instead of growing {@link CenterApi}:
 * {@code new CenterApi(..., List.of(new CatalogRoutes(...), ...))}.
 */
public interface RouteGroup {
  void register(Router router, Guards guards);
}
