namespace SalesBot.Configuration;

/// <summary>A setting the app cannot start with. The message is the one line the operator sees: the variable and what is allowed.</summary>
public sealed class ConfigurationError(string message) : Exception(message);
