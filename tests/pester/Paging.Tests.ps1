# Lists are read a page at a time, as kubectl reads them (limit=500, then continue), and streamed to the
# pipeline: every object is written once, in the server's order, and a pipeline that stops early
# (Select-Object -First) is sent no further page and sees no error. The pages are counted from the
# sandbox's /metrics (what the server saw), never timed.
BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    . (Join-Path $PSScriptRoot 'ImageStreamTestSupport.ps1')
    $context = Start-TestSandbox
    $ns = 'paging'
    $null = New-OpenShiftProject $ns

    # 600 streams with one spec tag each: two pages of 500. Posted straight to the API, all at once, so
    # the set-up is quick; what is tested is how the cmdlets read them.
    $script:streamCount = 600
    $handler = [System.Net.Http.HttpClientHandler]::new()
    $handler.ServerCertificateCustomValidationCallback = [System.Net.Http.HttpClientHandler]::DangerousAcceptAnyServerCertificateValidator
    $http = [System.Net.Http.HttpClient]::new($handler)
    try {
        $http.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::Parse((Get-TestHeaders $context).Authorization)
        $streams = "$($context.Sandbox.Server.AbsoluteUri.TrimEnd('/'))/apis/image.openshift.io/v1/namespaces/$ns/imagestreams"
        $posts = foreach ($i in 1..$streamCount) {
            $body = '{"apiVersion":"image.openshift.io/v1","kind":"ImageStream","metadata":{"name":"page-' + $i.ToString('d4') + '"},"spec":{"tags":[{"name":"v1"}]}}'
            $http.PostAsync($streams, [System.Net.Http.StringContent]::new($body, [Text.Encoding]::UTF8, 'application/json'))
        }
        [System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]] $posts)
        @($posts.Result | Where-Object StatusCode -NE 'Created').Count | Should -Be 0
    }
    finally { $http.Dispose() }
}

AfterAll {
    Stop-TestSandbox $context
}

Describe 'Paged lists' {
    It 'Get-ImageStream reads a namespace in pages of 500 and writes every stream once, in order' {
        $seen = @{}
        $made = Measure-Requests $context { $seen.All = Get-ImageStream "$ns/*" }

        $made['list imagestreams 200'] | Should -Be 2
        Get-RequestTotal $made | Should -Be 2
        $seen.All.Count | Should -Be $streamCount
        $seen.All[0].Name | Should -Be 'page-0001'
        $seen.All[-1].Name | Should -Be ('page-{0:d4}' -f $streamCount)
        ($seen.All.Name | Sort-Object -Unique -CaseSensitive).Count | Should -Be $streamCount
        ($seen.All.Name -join ',') | Should -BeExactly (($seen.All.Name | Sort-Object -CaseSensitive) -join ',')
    }

    It 'the first stream reaches the pipeline before the second page is asked for' {
        $before = Get-RequestCounts $context
        $atFirst = $null
        $count = 0
        Get-ImageStream "$ns/*" | ForEach-Object {
            if ($count++ -eq 0) { $atFirst = Get-RequestCounts $context }
        }

        $atFirst['list imagestreams 200'] - ($before['list imagestreams 200'] ?? 0) | Should -Be 1
        $count | Should -Be $streamCount
    }

    It 'Select-Object -First 1 asks for one page only and ends without an error' {
        $Error.Clear()
        $seen = @{}
        $made = Measure-Requests $context { $seen.First = Get-ImageStream "$ns/*" | Select-Object -First 1 }

        $made['list imagestreams 200'] | Should -Be 1
        Get-RequestTotal $made | Should -Be 1
        $seen.First.Name | Should -Be 'page-0001'
        $Error.Count | Should -Be 0
    }

    It 'Get-ImageTag over many streams reads pages too, and -First 3 downstream stops after one' {
        $seen = @{}
        $made = Measure-Requests $context { $seen.All = Get-ImageTag "$ns/*:v1" }
        $made['list imagestreams 200'] | Should -Be 2
        $seen.All.Count | Should -Be $streamCount

        $Error.Clear()
        $made = Measure-Requests $context { $seen.First = Get-ImageTag "$ns/*" | Select-Object -First 3 }
        $made['list imagestreams 200'] | Should -Be 1
        Get-RequestTotal $made | Should -Be 1
        $seen.First.Name | Should -Be @('page-0001:v1', 'page-0002:v1', 'page-0003:v1')
        $Error.Count | Should -Be 0
    }

    It '-First 2 reads one page and writes two streams; -Skip 499 -First 2 crosses into the second page' {
        $seen = @{}
        $made = Measure-Requests $context { $seen.First = Get-ImageStream "$ns/*" -First 2 }
        $made['list imagestreams 200'] | Should -Be 1
        $seen.First.Name | Should -Be @('page-0001', 'page-0002')

        $made = Measure-Requests $context { $seen.Across = Get-ImageStream "$ns/*" -Skip 499 -First 2 }
        $made['list imagestreams 200'] | Should -Be 2
        $seen.Across.Name | Should -Be @('page-0500', 'page-0501')
    }

    It '-First on Get-ImageTag counts tags across streams and literal names, in the order found' {
        $seen = @{}
        $made = Measure-Requests $context { $seen.Tags = Get-ImageTag "$ns/page-0001", "$ns/page-0002", "$ns/page-0003" -First 2 }
        $seen.Tags.Name | Should -Be @('page-0001:v1', 'page-0002:v1')
        $made['get imagestreams 200'] | Should -Be 2
        $made = Measure-Requests $context { $null = Get-ImageTag "$ns/*" -Skip 1 -First 1 }
        $made['list imagestreams 200'] | Should -Be 1
    }

    It '-IncludeTotalCount writes the exact count after a whole read, and an unknown one when -First stopped it' {
        $all = @(Get-ImageStream "$ns/*" -IncludeTotalCount)
        $all.Count | Should -Be ($streamCount + 1)
        $all[-1].ToString() | Should -Be "Total count: $streamCount"

        $first = @(Get-ImageStream "$ns/*" -First 1 -IncludeTotalCount)
        $first[0].Name | Should -Be 'page-0001'
        $first[-1].ToString() | Should -Match '^Unknown total count'
    }

    It 'a stopped list leaves the session fit for the next command' {
        $null = Get-ImageStream "$ns/*" | Select-Object -First 1
        (Get-ImageStream "$ns/page-0600").Name | Should -Be 'page-0600'
        (Get-ImageStream -AllNamespaces | Where-Object Namespace -EQ $ns).Count | Should -Be $streamCount
    }
}

# A list of three pages: each page is asked for only once the pipeline has taken the whole page before it
# (kubectl's order, and what holds a list to a page at a time), so a pipeline that stops is never sent
# another page, wherever it stops. 1,001 streams: pages of 500, 500 and 1.
Describe 'A list of three pages' {
    BeforeAll {
        $script:threeNs = 'paging-three'
        $null = New-OpenShiftProject $threeNs
        $script:threeCount = 1001
        $handler = [System.Net.Http.HttpClientHandler]::new()
        $handler.ServerCertificateCustomValidationCallback = [System.Net.Http.HttpClientHandler]::DangerousAcceptAnyServerCertificateValidator
        $http = [System.Net.Http.HttpClient]::new($handler)
        try {
            $http.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::Parse((Get-TestHeaders $context).Authorization)
            $streams = "$($context.Sandbox.Server.AbsoluteUri.TrimEnd('/'))/apis/image.openshift.io/v1/namespaces/$threeNs/imagestreams"
            $posts = foreach ($i in 1..$threeCount) {
                $body = '{"apiVersion":"image.openshift.io/v1","kind":"ImageStream","metadata":{"name":"three-' + $i.ToString('d4') + '"},"spec":{"tags":[{"name":"v1"}]}}'
                $http.PostAsync($streams, [System.Net.Http.StringContent]::new($body, [Text.Encoding]::UTF8, 'application/json'))
            }
            [System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]] $posts)
            @($posts.Result | Where-Object StatusCode -NE 'Created').Count | Should -Be 0
        }
        finally { $http.Dispose() }
        $script:lists = { param($Counts) $Counts['list imagestreams 200'] ?? 0 }
    }

    It 'Select-Object -First 500 asks for the first page only, -First 501 for the second too and no third' {
        $made = Measure-Requests $context { $null = Get-ImageStream "$threeNs/*" | Select-Object -First 500 }
        $made['list imagestreams 200'] | Should -Be 1
        Get-RequestTotal $made | Should -Be 1

        $seen = @{}
        $made = Measure-Requests $context { $seen.Last = Get-ImageStream "$threeNs/*" | Select-Object -First 501 | Select-Object -Last 1 }
        $made['list imagestreams 200'] | Should -Be 2
        Get-RequestTotal $made | Should -Be 2
        $seen.Last.Name | Should -Be 'three-0501'
    }

    It 'each page is asked for after the last stream of the page before it is taken, and every stream is written once, in order' {
        $before = & $lists (Get-RequestCounts $context)
        $at = @{}
        $names = [System.Collections.Generic.List[string]]::new()
        Get-ImageStream "$threeNs/*" | ForEach-Object {
            if ($names.Count -in 0, 499, 500, 999, 1000) { $at[$names.Count] = (& $lists (Get-RequestCounts $context)) - $before }
            $names.Add($_.Name)
        }

        $at[0] | Should -Be 1
        $at[499] | Should -Be 1
        $at[500] | Should -Be 2
        $at[999] | Should -Be 2
        $at[1000] | Should -Be 3
        (& $lists (Get-RequestCounts $context)) - $before | Should -Be 3
        $names.Count | Should -Be $threeCount
        ($names -join ',') | Should -BeExactly ((1..$threeCount | ForEach-Object { 'three-' + $_.ToString('d4') }) -join ',')
    }

    It '-First reads exactly the pages its count needs' {
        $made = Measure-Requests $context { $null = Get-ImageStream "$threeNs/*" -First 1000 }
        $made['list imagestreams 200'] | Should -Be 2
        $made = Measure-Requests $context { $null = Get-ImageTag "$threeNs/*" -First 1000 }
        $made['list imagestreams 200'] | Should -Be 2
    }

    It 'Ctrl+C in the middle of a list stops the command, and the session is fit for the next one' {
        $reached = [System.Threading.ManualResetEventSlim]::new()
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', $env:IMAGESTREAMPS_MODULE_PATH).AddStatement()
            $null = $ps.AddCommand('Connect-OpenShift').AddParameter('KubeConfig', $context.Sandbox.KubeConfigPath).AddStatement()
            # The consumer holds the pipeline on the second page's second stream.
            $null = $ps.AddScript({
                    param($Namespace, $Reached)
                    Get-ImageStream "$Namespace/*" | ForEach-Object { if ($_.Name -eq 'three-0502') { $Reached.Set(); Start-Sleep -Seconds 300 } }
                }).AddArgument($threeNs).AddArgument($reached)
            $running = $ps.BeginInvoke()
            $reached.Wait([timespan]::FromSeconds(60)) | Should -BeTrue
            $stopped = $ps.BeginStop($null, $null)
            # A hang guard, not a timing assertion: a stop that never completes fails here.
            $stopped.AsyncWaitHandle.WaitOne([timespan]::FromSeconds(20)) | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $running.IsCompleted | Should -BeTrue
        }
        finally {
            $ps.Dispose()
            $reached.Dispose()
        }
        (Get-ImageStream "$threeNs/three-1001").Name | Should -Be 'three-1001'
        @(Get-ImageStream "$threeNs/*").Count | Should -Be $threeCount
    }
}
