import fs from 'node:fs';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { packageRoot } from 'common/package-root';
import type { RuntimeContext } from 'runtime-context';

export function frontendDist(runtime: RuntimeContext): string {
  return runtime.config.FRONTEND_DIST ?? path.resolve(packageRoot(), '..', 'frontend', 'dist');
}

/** Cookies, security headers, OpenAPI at /api/docs and the built console on the same port. */
export async function configureHttp(app: NestFastifyApplication, runtime: RuntimeContext): Promise<void> {
  app.setGlobalPrefix('api');
  await app.register(fastifyCookie as never);
  await app.register(fastifyHelmet as never, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS styles at run time; Swagger UI needs inline scripts and images from data: URIs.
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        mediaSrc: ["'self'", 'https:', 'blob:'],
        frameSrc: ["'self'", 'https:'],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  } as never);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Fulcrum API')
      .setDescription('Webinar and live-event lifecycle platform for account-based B2B marketing. Sign in with POST /api/v1/auth/sign-in; the session cookie authenticates every other call.')
      .setVersion('0.1.0')
      .addCookieAuth('fulcrum_session')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { useGlobalPrefix: false });

  // Uploads (imports) arrive as the raw body; the route streams it to disk, so no body limit applies here.
  app.getHttpAdapter().getInstance().addContentTypeParser('application/octet-stream', (_request: unknown, _payload: unknown, done: (error: null) => void) => done(null));

  const dist = frontendDist(runtime);
  const fastify = app.getHttpAdapter().getInstance();
  const hasConsole = fs.existsSync(path.join(dist, 'index.html'));
  const indexHtml = hasConsole ? fs.readFileSync(path.join(dist, 'index.html')) : null;
  // The attendee pages are their own light entry (no console code): read once, as they are opened by crowds.
  const attendHtml = fs.existsSync(path.join(dist, 'attend.html')) ? fs.readFileSync(path.join(dist, 'attend.html')) : null;
  if (hasConsole) {
    await app.register(fastifyStatic as never, { root: dist, prefix: '/', wildcard: false, index: false, maxAge: '1h' });
  }
  // Client-side routes get their entry's HTML: the public event pages (/e/:slug) and a registrant's own
  // page (/r/:token), their live room (/j/:token) and an invitation's unsubscribe page (/u/:token) attend.html, the console's
  // (/accounts, /reset-password, ...) index.html. Files
  // (paths with an extension) are served by @fastify/static; unknown /api routes get a JSON 404.
  fastify.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const pathname = request.url.split('?')[0];
    if (pathname.startsWith('/api') || pathname.startsWith('/socket.io') || path.extname(pathname)) return;
    const attendee = pathname.startsWith('/e/') || pathname.startsWith('/r/') || pathname.startsWith('/u/') || pathname.startsWith('/j/');
    const html = attendee ? attendHtml : indexHtml;
    if (!html) {
      const [what, file] = attendee ? ['The attendee pages are', 'attend.html'] : ['The console is', 'index.html'];
      return reply.status(404).type('text/plain').send(`${what} not built (${dist} has no ${file}). Run \`npm run build\`, or \`npm start\` which builds it.`);
    }
    return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  });
}
