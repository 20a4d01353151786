using System.Text;
using Microsoft.AspNetCore.Http;

namespace ImageStreamPS.Sandbox.Router;

/// <summary>
/// The 503 the router answers when no Route matches the request or no backend can take it, in the
/// style of OpenShift's router (HAProxy's errorfile 503, "Application is not available"), with its
/// no-cache headers and Connection: close.
/// </summary>
public static class ApplicationNotAvailablePage
{
    public const string Title = "Application is not available";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes($$"""
        <html>
          <head>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style type="text/css">
              body { font-family: "Helvetica Neue", Helvetica, Arial, sans-serif; color: #333; margin: 2em 1em; }
              h1 { font-size: 28px; font-weight: 400; }
              .alert { background-color: #F0F0F0; margin-top: 30px; padding: 30px; }
              li { font-size: 14px; margin-bottom: 1em; }
            </style>
          </head>
          <body>
            <div>
              <h1>{{Title}}</h1>
              <p>The application is not serving requests at this endpoint: it may not have started yet, or it is still starting.</p>
              <div class="alert">
                <p>Why you may see this page:</p>
                <ul>
                  <li><strong>No route has this host.</strong> Check the host name, and that a route with this host exists and was admitted.</li>
                  <li><strong>A route has this host, but no route matches the path.</strong> Check the URL path against the path of the route.</li>
                  <li><strong>The route matches, but none of its pods is ready.</strong> Check that what the route exposes (its service, its deployment) has at least one ready pod.</li>
                </ul>
              </div>
            </div>
          </body>
        </html>

        """);

    public static Task WriteAsync(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.Pragma = "no-cache";
        response.Headers.CacheControl = "private, max-age=0, no-cache, no-store";
        response.Headers.Connection = "close";
        response.ContentType = "text/html";
        response.ContentLength = Body.Length;
        return response.Body.WriteAsync(Body).AsTask();
    }
}
