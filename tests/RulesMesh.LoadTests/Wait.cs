using System.Diagnostics;

namespace RulesMesh.LoadTests;

/// <summary>Polling waits with a deadline (this is a load run, not a unit test: it waits for the system, never sleeps a fixed time to pass).</summary>
internal static class Wait
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:F0} s for {what}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits until <paramref name="lastChange"/> has not moved for <paramref name="quiet"/>.</summary>
    public static async Task QuietAsync(Func<long> lastChange, TimeSpan quiet, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(lastChange()) < quiet)
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"The streams still changed after {timeout.TotalSeconds:F0} s.");
            }

            await Task.Delay(100);
        }
    }
}
