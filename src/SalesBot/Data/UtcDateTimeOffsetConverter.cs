using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SalesBot.Data;

/// <summary>
/// Npgsql writes a DateTimeOffset to <c>timestamptz</c> only when its offset is zero and throws otherwise.
/// Some values arrive with an offset (a webhook's <c>X-Shopify-Triggered-At</c>, S3's Last-Modified as local
/// time), so every one is stored as the same instant in UTC; values read back are UTC already.
/// </summary>
public sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
