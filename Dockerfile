# SalesBot: build with the SDK, run on the ASP.NET Core runtime image as the non-root `app` user.
#   docker build -t salesbot .
#   docker run --read-only --tmpfs /tmp -v salesbot-data:/data -p 8080:8080 --env-file .env salesbot
# DATA_DIR=/data is the only path the service writes (database, key ring, local snapshots); /tmp for the runtime.
# Tags are pinned (the SDK and runtime this repository is built and tested with); bump them together.

FROM mcr.microsoft.com/dotnet/sdk:10.0.401-noble AS build
WORKDIR /src
# Restore first, from the project files alone, so a code change does not download the packages again.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/SalesBot/SalesBot.csproj src/SalesBot/SemanticModel.targets src/SalesBot/
COPY src/SalesBot.Sandbox/SalesBot.Sandbox.csproj src/SalesBot.Sandbox/
COPY src/SalesBot.Signing/SalesBot.Signing.csproj src/SalesBot.Signing/
# The image's runtime identifier (BuildKit sets TARGETARCH: amd64 or arm64), so the publish carries ONNX Runtime's native
# library for this platform only instead of every platform's (≈ 300 MB). Framework-dependent, as before.
ARG TARGETARCH
RUN RID=linux-$([ "$TARGETARCH" = "arm64" ] && echo arm64 || echo x64) && echo "$RID" > /rid \
    && dotnet restore src/SalesBot/SalesBot.csproj -r "$RID"
COPY src/ src/
RUN dotnet publish src/SalesBot/SalesBot.csproj -c Release -o /app --no-restore -r "$(cat /rid)" --self-contained false -p:UseAppHost=false
# The int8 copy of the sentence model, made once here: the container runs read-only, so it could not keep one itself.
RUN dotnet /app/SalesBot.dll prepare-model
# The data folder, owned by the app user and private to it (the runtime image has no shell to make it).
RUN mkdir -m 700 /data

# Chiseled: no shell, no package manager, runs as `app` (uid 1654); the app is built with invariant globalization.
FROM mcr.microsoft.com/dotnet/aspnet:10.0.12-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY --from=build --chown=1654:1654 /data /data
ENV DATA_DIR=/data \
    ASPNETCORE_HTTP_PORTS=8080
USER $APP_UID
VOLUME /data
EXPOSE 8080
# The image has no curl: the app answers its own probe (GET /healthz on ASPNETCORE_HTTP_PORTS, exit 0 on 2xx).
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 CMD ["dotnet", "/app/SalesBot.dll", "probe"]
ENTRYPOINT ["dotnet", "/app/SalesBot.dll"]
