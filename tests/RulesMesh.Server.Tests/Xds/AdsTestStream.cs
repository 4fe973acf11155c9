using Grpc.Core;

namespace RulesMesh.Server.Tests.Xds;

/// <summary>
/// One ADS stream from the test's side. Reads give up after 20 seconds so a server that never answers fails the test
/// instead of hanging it; no assertion depends on time (a response that must not come is shown by the next one that must).
/// </summary>
internal sealed class AdsTestStream<TRequest, TResponse>(AsyncDuplexStreamingCall<TRequest, TResponse> call) : IAsyncDisposable
{
    public Task SendAsync(TRequest request) => call.RequestStream.WriteAsync(request);

    public async Task<TResponse> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token), "The server ended the stream instead of sending a response.");
        return call.ResponseStream.Current;
    }

    /// <summary>Whether the server ends the stream with status OK (rather than sending something first).</summary>
    public async Task<StatusCode> EndAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Assert.False(await call.ResponseStream.MoveNext(timeout.Token), "The server sent a response instead of ending the stream.");
        return call.GetStatus().StatusCode;
    }

    /// <summary>Closes the request side, as a proxy that goes away does.</summary>
    public Task CloseAsync() => call.RequestStream.CompleteAsync();

    public ValueTask DisposeAsync()
    {
        call.Dispose();
        return ValueTask.CompletedTask;
    }
}
