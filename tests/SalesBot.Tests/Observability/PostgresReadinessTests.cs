using System.Net;
using System.Text.Json.Nodes;
using SalesBot.Tests.Support;

namespace SalesBot.Tests.Observability;

/// <summary>With PostgreSQL, a server that goes away makes the instance unready (503 naming the database) but still alive.</summary>
public sealed class PostgresReadinessTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [PostgresFact]
    public async Task Ready_answers_503_naming_the_database_when_postgres_stops_and_alive_stays_200()
    {
        await using var app = SalesBotApp.Start(new Dictionary<string, string?> { ["DATABASE_URL"] = await postgres.CreateDatabaseAsync() });
        using var http = new HttpClient { BaseAddress = app.BaseUri };
        using (var before = await http.GetAsync("/readyz"))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        postgres.Stop();

        using var ready = await http.GetAsync("/readyz");
        using var alive = await http.GetAsync("/healthz");
        var body = await ready.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var database = JsonNode.Parse(body)!["checks"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "database")!;
        Assert.Equal("unhealthy", database["status"]!.GetValue<string>());
        // Neither the connection string's password nor its host and port reach the body.
        Assert.DoesNotContain(PostgresFixture.AppPassword, body);
        Assert.DoesNotContain(postgres.Port.ToString(), body);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}
