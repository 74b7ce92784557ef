# Multi-stage image of Coopera: the API serving the built web app on one port.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN NX_DAEMON=false NX_NO_CLOUD=true npx nx run-many -t build -p api web --outputStyle=static

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000
WORKDIR /app
# Only the production dependencies the API bundle needs (package.json pruned by the build).
COPY --from=build /src/dist/apps/api/package.json /src/dist/apps/api/package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist/apps/api ./dist/apps/api
# Owned by the API's user: it writes the Brotli and gzip copies of the files at its first start.
COPY --from=build --chown=node:node /src/dist/apps/web/browser ./dist/apps/web/browser
RUN mkdir -p /var/lib/coopera && chown node:node /var/lib/coopera
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:3000/api/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# A young generation of 64 MB per semi-space (V8's default is 16): with tens of requests in
# flight, a smaller one collects their live objects over and over and promotes them to the old
# generation. Measured under load: garbage collection 15 % -> 6 % of the time, +10 % requests/s
# on the directory (bench/README.md). Peak resident memory under that load: 328 -> 433 MB.
# No allocation-site pretenuring: a burst in which every request's objects outlive one collection
# makes V8 allocate them in the old generation from then on, where, dead, they keep the young
# objects they point to alive until a full collection. Measured: scavenge pauses 17-27 ms -> 6-7 ms,
# project reads +20 % requests/s (bench/README.md, "Node's flags").
CMD ["node", "--max-semi-space-size=64", "--no-allocation-site-pretenuring", "dist/apps/api/main.js"]
