using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SalesBot.Tests.Support;

/// <summary>Collects what the app logs, for tests about what an operator is told.</summary>
public sealed class LogCollector : ILoggerProvider, ILogger
{
    public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();

    public IEnumerable<string> Messages => Entries.Select(e => e.Message);

    /// <summary>Exceptions logged with an entry, as text, for tests that look for a secret anywhere in the logs.</summary>
    public ConcurrentQueue<string> Exceptions { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;
    public void Dispose() { }
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        Entries.Enqueue((logLevel, formatter(state, exception)));
        if (exception is not null) Exceptions.Enqueue(exception.ToString());
    }
}
