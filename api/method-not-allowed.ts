import type { FastifyInstance } from 'fastify';

interface KnownRoute {
  pattern: RegExp;
  methods: Set<string>;
}

/** `/v1/incidents/:id/approve` as a pattern matching any one value per parameter. */
function patternOf(url: string): RegExp {
  const parts = url
    .split('/')
    .map((part) =>
      part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    );
  return new RegExp(`^${parts.join('/')}/?$`);
}

/**
 * Remembers every route as it is registered, so a request with a method the path does not serve
 * answers 405 with the methods it does (RFC 9110), not 404 as if the path did not exist.
 */
export function unsupportedMethodRoutes(app: FastifyInstance): { allowedMethods(url: string): string[] } {
  const known = new Map<string, KnownRoute>();
  app.addHook('onRoute', (route) => {
    const entry = known.get(route.url) ?? { pattern: patternOf(route.url), methods: new Set<string>() };
    for (const method of [route.method].flat()) entry.methods.add(method);
    known.set(route.url, entry);
  });
  return {
    allowedMethods(url) {
      const path = url.split('?')[0] ?? url;
      const methods = new Set<string>();
      for (const route of known.values()) {
        if (route.pattern.test(path)) for (const m of route.methods) methods.add(m);
      }
      return [...methods].sort();
    },
  };
}
