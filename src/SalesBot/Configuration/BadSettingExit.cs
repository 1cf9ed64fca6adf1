using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace SalesBot.Configuration;

/// <summary>
/// A bad setting ends the process with one line per problem on stderr and exit code 1, not the runtime's stack trace:
/// the operator needs the variable and what it may be, not where in the binder it failed. Other exceptions keep their trace.
/// </summary>
public static partial class BadSettingExit
{
    public const int ExitCode = 1;

    /// <summary>For the real process only: a test host (WebApplicationFactory) sees the exception itself.</summary>
    public static void Install()
    {
        if (System.Reflection.Assembly.GetEntryAssembly() != typeof(BadSettingExit).Assembly) return;
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (e.ExceptionObject is not Exception exception || Describe(exception) is not { Count: > 0 } lines) return;
            foreach (var line in lines) Console.Error.WriteLine(line);
            Console.Error.Flush();
            Environment.Exit(ExitCode);
        };
    }

    /// <summary>The operator's lines for a configuration mistake anywhere in <paramref name="exception"/>; empty for anything else.</summary>
    public static IReadOnlyList<string> Describe(Exception exception)
    {
        switch (exception)
        {
            case ConfigurationError error:
                return [error.Message];
            case OptionsValidationException invalid:
                return [.. invalid.Failures.Select(OneLine)];
            case AggregateException many:
                var lines = many.InnerExceptions.SelectMany(Describe).Distinct().ToList();
                return lines;
            case InvalidOperationException when FailedConversion().Match(exception.Message) is { Success: true } m:
                return [$"{m.Groups["key"].Value} is '{m.Groups["value"].Value}'; allowed: {Allowed(m.Groups["type"].Value)}."];
        }
        return exception.InnerException is { } inner ? Describe(inner) : [];
    }

    private static string OneLine(string text)
    {
        // ValidateDataAnnotations wraps the attribute's ErrorMessage (which names the variable) in its own sentence.
        if (DataAnnotationFailure().Match(text) is { Success: true } m) text = m.Groups["message"].Value;
        return string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>What the configuration binder accepts for a property type (its TypeConverter's invariant format).</summary>
    private static string Allowed(string type) => NullableOf().Match(type) is { Success: true } inner ? Allowed(inner.Groups[1].Value) : type switch
    {
        "System.TimeSpan" => "a duration [d.]hh:mm:ss such as 00:30:00 (30 minutes) or 1.00:00:00 (a day)",
        "System.Int32" or "System.Int64" => "a whole number such as 250",
        "System.Double" or "System.Decimal" => "a number such as 0.5",
        "System.Boolean" => "true or false",
        "System.Uri" => "an absolute URL such as https://example.com",
        _ => $"a value of type {type}",
    };

    // The binder's own wording (Microsoft.Extensions.Configuration.Binder, SR.FailedBinding).
    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex FailedConversion();

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '[^']*' with the error: '(?<message>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();

    [GeneratedRegex(@"^System\.Nullable`1\[(.+)\]$")]
    private static partial Regex NullableOf();
}
