using Microsoft.AspNetCore.Http.HttpResults;

namespace SalesBot.Facebook;

/// <summary>
/// <c>POST /facebook/data-deletion</c> (Meta's data deletion request callback, a form with <c>signed_request</c>) and
/// <c>GET /facebook/data-deletion/{code}</c>, the status URL it hands back.
/// </summary>
public static class DataDeletionApi
{
    private const int FormLimit = 16 * 1024;

    public static void MapDataDeletion(this RouteGroupBuilder facebook)
    {
        facebook.MapPost("/data-deletion", Request);
        facebook.MapGet("/data-deletion/{code}", Status);
    }

    private static async Task<Results<Ok<DataDeletionAnswer>, JsonHttpResult<ApiError>>> Request(
        HttpRequest request, DataDeletion deletion, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType || request.ContentLength > FormLimit)
            return TypedResults.Json(new ApiError("Send a form (application/x-www-form-urlencoded) with the field signed_request."), statusCode: 400);
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return TypedResults.Json(new ApiError("The form could not be read."), statusCode: 400);
        }
        var outcome = await deletion.HandleAsync(form["signed_request"].FirstOrDefault(), cancellationToken);
        return outcome.Answer is { } answer
            ? TypedResults.Ok(answer)
            : TypedResults.Json(new ApiError(outcome.Error!), statusCode: outcome.StatusCode);
    }

    private static async Task<Results<Ok<DataDeletionStatus>, JsonHttpResult<ApiError>>> Status(
        string code, DataDeletion deletion, CancellationToken cancellationToken) =>
        await deletion.StatusAsync(code, cancellationToken) is { } status
            ? TypedResults.Ok(status)
            : TypedResults.Json(new ApiError("No data deletion request has this confirmation code."), statusCode: 404);
}
