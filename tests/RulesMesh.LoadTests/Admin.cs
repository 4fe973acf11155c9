namespace RulesMesh.LoadTests;

/// <summary>The server's admin endpoint.</summary>
internal static class Admin
{
    public static Task WaitReadyAsync(HttpClient admin, TimeSpan timeout)
        => Wait.UntilAsync(() => IsReady(admin), timeout, "/readyz");

    private static bool IsReady(HttpClient admin)
    {
        try
        {
            using var response = admin.GetAsync(new Uri("/readyz", UriKind.Relative)).GetAwaiter().GetResult();
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
