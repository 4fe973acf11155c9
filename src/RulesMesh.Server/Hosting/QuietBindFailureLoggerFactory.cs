using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace RulesMesh.Server.Hosting;

/// <summary>
/// The caller's logger factory, except that the generic host's own error when an endpoint cannot be bound ("Hosting
/// failed to start" with the stack trace) is dropped: <see cref="RulesMeshServer.StartAsync"/> throws that failure to
/// the caller, which reports it (<c>rulesmesh serve</c>: one line naming the options). Other host errors pass.
/// </summary>
internal sealed class QuietBindFailureLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return categoryName == HostCategory ? new HostLogger(logger) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    /// <summary>The caller owns the factory and disposes it.</summary>
    public void Dispose()
    {
    }

    private sealed class HostLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
            => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Only the host's "Hosting failed to start" for a bind failure, which the command reports in one line itself;
            // an I/O failure of a hosted service at run time is still logged.
            if (eventId.Name == "HostedServiceStartupFaulted" && exception is IOException or SocketException)
            {
                return;
            }

            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
