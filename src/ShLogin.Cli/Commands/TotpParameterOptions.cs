using System.CommandLine;
using ShLogin.Secrets;

namespace ShLogin.Cli.Commands;

/// <summary><c>--digits</c>, <c>--algorithm</c> and <c>--period</c>, for one command.</summary>
internal sealed class TotpParameterOptions
{
    public Option<int> Digits { get; } = CliOptions.IntegerInRange(
        "--digits",
        "Digits per code.",
        "6-8",
        TotpParameters.Default.Digits,
        TotpParameters.MinDigits,
        TotpParameters.MaxDigits,
        "6, 7 or 8");

    public Option<string> Algorithm { get; } = new("--algorithm")
    {
        Description = "HMAC hash.",
        HelpName = "SHA1|SHA256|SHA512",
        DefaultValueFactory = _ => TotpParameters.AlgorithmName(TotpParameters.Default.Algorithm),
        CustomParser = result => CliOptions.Parse(
            result, "--algorithm", "SHA1, SHA256 or SHA512", text => ParseAlgorithm(text) is { } algorithm ? TotpParameters.AlgorithmName(algorithm) : null)
            ?? string.Empty,
    };

    public Option<int> Period { get; } = CliOptions.IntegerInRange(
        "--period",
        "Seconds per time step.",
        "SECONDS",
        TotpParameters.Default.PeriodSeconds,
        1,
        TotpParameters.MaxPeriodSeconds,
        "seconds 1-3600");

    public IEnumerable<Option> All => [Digits, Algorithm, Period];

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Digits);
        command.Options.Add(Algorithm);
        command.Options.Add(Period);
    }

    public TotpParameters Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return new TotpParameters(
            TotpParameters.ParseAlgorithm(parseResult.GetValue(Algorithm)!),
            parseResult.GetValue(Digits),
            parseResult.GetValue(Period));
    }

    private static OtpAlgorithm? ParseAlgorithm(string text)
    {
        try
        {
            return TotpParameters.ParseAlgorithm(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
