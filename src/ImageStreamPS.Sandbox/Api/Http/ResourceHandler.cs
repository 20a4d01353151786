using System.Text.Json.Nodes;
using ImageStreamPS.Sandbox.Api;
using ImageStreamPS.Sandbox.Api.Schemas;
using ImageStreamPS.Sandbox.Resources;
using Microsoft.AspNetCore.Http;

namespace ImageStreamPS.Sandbox.Api.Http;

/// <summary>
/// The REST endpoints of every resource, written once: maps method + <see cref="RequestInfo"/> + query to
/// <see cref="ApiService"/> calls and shapes responses as the apiserver does (201 on create, Status on
/// delete, Tables for kubectl, watch streams, metav1.Status errors). Counts every request in
/// <see cref="RequestMetrics"/>.
/// </summary>
public sealed class ResourceHandler(ApiService api, RequestMetrics metrics, TimeSpan bookmarkInterval, OpenApiDocuments openApi)
{
    private static readonly string[] PatchMediaTypes =
        ["application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json", "application/apply-patch+yaml"];

    public async Task Handle(HttpContext context, RequestInfo info)
    {
        var request = context.Request;
        var query = request.Query;
        var watch = info.WatchPrefix || (request.Method == "GET" && info.Name is null && HttpIo.Flag(query["watch"]));
        var verb = request.Method switch
        {
            "GET" when watch => "watch",
            "GET" => info.Name is null ? "list" : "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => info.Name is null ? "deletecollection" : "delete",
            _ => request.Method.ToLowerInvariant(),
        };
        try
        {
            if (!HttpIo.AcceptsJson(request)) throw ApiErrors.NotAcceptable("only the following media types are accepted: application/json, application/yaml");
            var entry = api.Catalog.Find(info.Group, info.Resource);
            if (entry is null || entry.Type.Version != info.Version || (!entry.Type.Namespaced && info.Namespace is not null) ||
                (entry.Type.Namespaced && info.Namespace is null && info.Name is not null) ||
                (info.Subresource is not null && entry.Type.Subresource(info.Subresource) is null))
                throw ApiErrors.NoSuchResource();
            // A subresource answers only its own verbs (imagestreams/layers is get-only).
            if (info.Subresource is not null && !entry.Type.Subresource(info.Subresource)!.Verbs.Contains(verb))
                throw ApiErrors.MethodNotSupported(entry.Type, verb);
            await Dispatch(context, entry, info, verb, watch);
        }
        catch (StatusException e)
        {
            if (!context.Response.HasStarted) await HttpIo.WriteStatus(context, e);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == 413)
        {
            if (!context.Response.HasStarted) await HttpIo.WriteStatus(context, ApiErrors.RequestEntityTooLarge(HttpIo.MaxBodyBytes));
        }
        finally
        {
            metrics.CountResource(verb, info.Subresource is null ? info.Resource : info.Resource + "/" + info.Subresource, context.Response.StatusCode);
        }
    }

    private async Task Dispatch(HttpContext context, CatalogEntry entry, RequestInfo info, string verb, bool watch)
    {
        var type = entry.Type;
        var query = context.Request.Query;
        var ns = info.Namespace;
        var name = info.Name;
        var table = HttpIo.WantsTable(context.Request);
        string? includeObject = query["includeObject"];

        switch (verb)
        {
            case "watch":
            {
                if (!type.Supports("watch") || entry.Strategy is null) throw ApiErrors.MethodNotSupported(type, "watch");
                var fieldSelector = (string?)query["fieldSelector"];
                if (name is not null) fieldSelector = string.IsNullOrEmpty(fieldSelector) ? "metadata.name=" + name : fieldSelector + ",metadata.name=" + name;
                TimeSpan? timeout = int.TryParse(query["timeoutSeconds"], out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : null;
                await WatchStream.Serve(context, api, entry, ns, new WatchOptions
                {
                    LabelSelector = query["labelSelector"], FieldSelector = fieldSelector, ResourceVersion = query["resourceVersion"],
                }, timeout, HttpIo.Flag(query["allowWatchBookmarks"]), bookmarkInterval, table, includeObject);
                return;
            }
            case "list":
            {
                RequireVerb(type, "list");
                int? limit = null;
                if (query.TryGetValue("limit", out var limitText) && !string.IsNullOrEmpty(limitText))
                    limit = int.TryParse(limitText, out var l) && l >= 0 ? l : throw ApiErrors.BadRequest($"invalid limit: {limitText}");
                var listOptions = new ListOptions
                {
                    LabelSelector = query["labelSelector"], FieldSelector = query["fieldSelector"], Limit = limit,
                    Continue = query["continue"], ResourceVersion = query["resourceVersion"],
                };
                if (entry.Virtual is { } lister && !table)
                {
                    // A virtual resource answers with its own object: a list, or a Status (projectrequests: "you may request").
                    await HttpIo.WriteJson(context, 200, lister.List(api.Context(), ns, listOptions));
                    return;
                }
                var list = api.List(type.Group, type.Resource, ns, listOptions);
                if (table) await HttpIo.WriteJson(context, 200, TableBuilder.Build(entry, list.Copies(), api.Now, includeObject, list.ResourceVersion, list.Continue));
                else await ListWriter.WriteAsync(context, list);
                return;
            }
            case "get":
            {
                RequireVerb(type, "get");
                var obj = info.Subresource switch
                {
                    "scale" => api.GetScale(type.Group, type.Resource, ns, name!),
                    null or "status" => api.Get(type.Group, type.Resource, ns, name!),
                    var subresource => api.GetComputed(type.Group, type.Resource, subresource, ns, name!, new ListOptions
                    {
                        LabelSelector = query["labelSelector"], FieldSelector = query["fieldSelector"], ResourceVersion = query["resourceVersion"],
                    }),
                };
                await HttpIo.WriteJson(context, 200, table && info.Subresource is null
                    ? TableBuilder.Build(entry, [obj], api.Now, includeObject, MetaAccessor.ResourceVersion(obj))
                    : obj);
                return;
            }
            case "create":
            {
                if (name is not null) throw ApiErrors.MethodNotSupported(type, "create");
                var options = WriteOptions(query, type, "CreateOptions");
                var body = await HttpIo.ReadObject(context, type, options.Fields);
                var result = await api.CreateResultAsync(type.Group, type.Resource, ns, body, options, context.RequestAborted);
                HttpIo.AddWarnings(context, options.Fields!.Warnings);
                await HttpIo.WriteJson(context, result.Created ? 201 : 200, result.Object);
                return;
            }
            case "update":
            {
                var options = WriteOptions(query, type, "UpdateOptions", info.Subresource);
                var body = await HttpIo.ReadObject(context, type, options.Fields);
                JsonObject updated;
                var created = false;
                switch (info.Subresource)
                {
                    case "status": updated = api.UpdateStatus(type.Group, type.Resource, ns, name!, body, options); break;
                    case "scale": updated = api.UpdateScale(type.Group, type.Resource, ns, name!, body, options); break;
                    default:
                        var result = await api.ReplaceAsync(type.Group, type.Resource, ns, name!, body, options, context.RequestAborted);
                        (updated, created) = (result.Object, result.Created);
                        break;
                }
                if (options.Fields is { } updateFields) HttpIo.AddWarnings(context, updateFields.Warnings);
                await HttpIo.WriteJson(context, created ? 201 : 200, updated);
                return;
            }
            case "patch":
            {
                var media = HttpIo.MediaType(context.Request.ContentType);
                var patchType = media switch
                {
                    "application/json-patch+json" => PatchType.Json,
                    "application/merge-patch+json" => PatchType.Merge,
                    "application/strategic-merge-patch+json" => PatchType.StrategicMerge,
                    "application/apply-patch+yaml" or "application/apply-patch+json" => PatchType.Apply,
                    _ => throw ApiErrors.UnsupportedMediaType(media, PatchMediaTypes),
                };
                var options = WriteOptions(query, type, "PatchOptions", info.Subresource);
                var patch = HttpIo.ParseBody(await HttpIo.ReadBody(context), patchType == PatchType.Apply, options.Fields);
                var result = await api.PatchAsync(type.Group, type.Resource, ns, name!, patchType, patch, options, info.Subresource, context.RequestAborted);
                if (options.Fields is { } patchFields) HttpIo.AddWarnings(context, patchFields.Warnings);
                await HttpIo.WriteJson(context, result.Created ? 201 : 200, result.Object);
                return;
            }
            case "delete":
            {
                if (info.Subresource is not null) throw ApiErrors.MethodNotSupported(type, "delete");
                var options = await DeleteOptions(context);
                var deleted = await api.DeleteAsync(type.Group, type.Resource, ns, name!, options, context.RequestAborted);
                // As the generic store answers: the object while a graceful deletion is pending, else a Success Status.
                var pending = entry.Strategy is not null && !options.DryRun && deleted["metadata"]?["deletionTimestamp"] is not null &&
                              api.Store.Get(ApiService.Key(type, ns, name!)) is not null;
                await HttpIo.WriteJson(context, 200, entry.Virtual is not null || pending || options.DryRun || entry.Strategy?.ReturnDeletedObject == true || MetaAccessor.Str(deleted, "kind") == "Status"
                    ? deleted
                    : HttpIo.Success(name, type.Group, type.Resource, MetaAccessor.Uid(deleted)));
                return;
            }
            case "deletecollection":
            {
                RequireVerb(type, "deletecollection");
                var options = await DeleteOptions(context);
                var deleted = api.DeleteCollection(type.Group, type.Resource, ns, new ListOptions
                {
                    LabelSelector = query["labelSelector"], FieldSelector = query["fieldSelector"],
                }, options);
                await HttpIo.WriteJson(context, 200, new ObjectList(type, deleted, api.Store.ResourceVersion.ToString()).ToJson());
                return;
            }
            default:
                throw new StatusException(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource");
        }
    }

    private static void RequireVerb(ResourceType type, string verb)
    {
        if (!type.Supports(verb)) throw ApiErrors.MethodNotSupported(type, verb);
    }

    /// <summary>
    /// The write options of the query, checked as the handlers check them (<see cref="WriteOptionsValidation"/>);
    /// field validation for the object itself and its status, not for scale.
    /// </summary>
    private WriteOptions WriteOptions(IQueryCollection query, ResourceType type, string optionsKind, string? subresource = null)
    {
        var options = new WriteOptions
        {
            DryRun = DryRun(query["dryRun"]),
            FieldManager = query["fieldManager"],
            Force = HttpIo.Flag(query["force"]),
            Fields = subresource is null or "status" ? FieldValidation.For(query["fieldValidation"], type, openApi.Schemas, optionsKind) : null,
        };
        WriteOptionsValidation.Validate(optionsKind, options);
        return options;
    }

    private static bool DryRun(IEnumerable<string?> values)
    {
        var list = values.Where(v => !string.IsNullOrEmpty(v)).ToList();
        foreach (var value in list)
            if (value != "All") throw ApiErrors.BadRequest($"dryRun: Unsupported value: \"{value}\": supported values: \"All\"");
        return list.Count > 0;
    }

    /// <summary>DeleteOptions from the query and the (optional) JSON body.</summary>
    private static async Task<DeleteOptions> DeleteOptions(HttpContext context)
    {
        var query = context.Request.Query;
        var options = new DeleteOptions
        {
            DryRun = DryRun(query["dryRun"]),
            PropagationPolicy = query["propagationPolicy"].FirstOrDefault()
                ?? (query["orphanDependents"] == "true" ? "Orphan" : null),
            GracePeriodSeconds = long.TryParse(query["gracePeriodSeconds"].FirstOrDefault(), out var grace) ? grace : null,
        };
        var text = await HttpIo.ReadBody(context);
        if (string.IsNullOrWhiteSpace(text)) return options;
        if (HttpIo.ParseBody(text, yaml: false) is not JsonObject body) throw ApiErrors.BadRequest("DeleteOptions must be a JSON object");
        var dryRun = (body["dryRun"] as JsonArray)?.Select(v => v?.ToString()) ?? [];
        return options with
        {
            DryRun = options.DryRun || DryRun(dryRun),
            PropagationPolicy = MetaAccessor.Str(body, "propagationPolicy") ?? (body["orphanDependents"]?.ToString() == "true" ? "Orphan" : options.PropagationPolicy),
            PreconditionUid = MetaAccessor.Str(body, "preconditions", "uid"),
            PreconditionResourceVersion = MetaAccessor.Str(body, "preconditions", "resourceVersion"),
            GracePeriodSeconds = MetaAccessor.Int(body, "gracePeriodSeconds") ?? options.GracePeriodSeconds,
        };
    }
}
