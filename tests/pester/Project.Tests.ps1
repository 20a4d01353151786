# Projects as oc new-project, oc projects, oc project and oc delete project work them, against the
# sandbox: the objects, the session's current project, the requests, and the errors.
BeforeAll {
    Import-Module $env:IMAGESTREAMPS_MODULE_PATH -Force
    . (Join-Path $PSScriptRoot 'ImageStreamTestSupport.ps1')
    $context = Start-TestSandbox
    $session = $context.Session
    $server = $session.Server.GetLeftPart([UriPartial]::Authority)
}

AfterAll {
    Stop-TestSandbox $context
}

Describe 'New-OpenShiftProject' {
    AfterEach { Set-OpenShiftSession -Namespace myproject }

    It 'requests the project as oc new-project does (GET then POST projectrequests) and switches the session to it' {
        $made = Measure-Requests $context {
            $script:created = New-OpenShiftProject citas-dev -DisplayName 'Citas (development)' -Description 'Where citas is tried first' -InformationVariable info
            $script:info = $info
        }

        $made['list projectrequests 200'] | Should -Be 1
        $made['create projectrequests 201'] | Should -Be 1
        Get-RequestTotal $made | Should -Be 2
        $created | Should -BeOfType ([ImageStreamPS.Model.OpenShiftProject])
        $created.Name | Should -Be 'citas-dev'
        $created.DisplayName | Should -Be 'Citas (development)'
        $created.Description | Should -Be 'Where citas is tried first'
        $created.Status | Should -Be 'Active'
        $created.Requester | Should -Be 'developer'
        $created.IsCurrent | Should -BeTrue
        $created.Session | Should -Be $session
        $session.Namespace | Should -Be 'citas-dev'
        # Shown like Write-Host (a HostInformationMessage); its text is what oc prints.
        @($info | ForEach-Object { "$($_.MessageData)" }) | Should -Be @(
            "Project ""citas-dev"" created on server ""$server"".",
            "Now using project ""citas-dev"" on server ""$server"".")
    }

    It 'works in the new project at once: cmdlets without -Namespace use it' {
        Set-OpenShiftSession -Namespace citas-dev
        New-ImageStream in-dev | Out-Null
        (Get-ImageStream in-dev).Namespace | Should -Be 'citas-dev'
    }

    It 'stays in the current project with -NoSwitch, for each name piped in' {
        $projects = 'citas-test', 'citas-prod' | New-OpenShiftProject -NoSwitch

        $projects.Name | Should -Be @('citas-test', 'citas-prod')
        $projects.IsCurrent | Should -Be @($false, $false)
        $session.Namespace | Should -Be 'myproject'
    }

    It 'rejects a name that is not an RFC 1123 label before any request' {
        $made = Measure-Requests $context {
            $script:e = { New-OpenShiftProject 'Citas_Dev' -ErrorAction Stop } | Should -Throw -PassThru
        }

        Get-RequestTotal $made | Should -Be 0
        $e.FullyQualifiedErrorId | Should -Be 'ProjectNameInvalid,ImageStreamPS.Commands.NewOpenShiftProjectCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.TargetObject | Should -Be 'Citas_Dev'
        $e.Exception.Message | Should -BeLike 'invalid project name "Citas_Dev": a lowercase RFC 1123 label*'
    }

    It 'rejects a one-character name as openshift-apiserver does' {
        { New-OpenShiftProject x -ErrorAction Stop } | Should -Throw -ErrorId 'ProjectNameInvalid,ImageStreamPS.Commands.NewOpenShiftProjectCommand'
    }

    It 'reports a project that exists already as ResourceExists and leaves the session where it was' {
        $e = { New-OpenShiftProject citas-dev -ErrorAction Stop } | Should -Throw -PassThru

        $e.FullyQualifiedErrorId | Should -Be 'ProjectAlreadyExists,ImageStreamPS.Commands.NewOpenShiftProjectCommand'
        $e.CategoryInfo.Category | Should -Be 'ResourceExists'
        $session.Namespace | Should -Be 'myproject'
    }

    It 'creates nothing with -WhatIf' {
        $made = Measure-Requests $context { New-OpenShiftProject citas-never -WhatIf }
        Get-RequestTotal $made | Should -Be 0
        { Get-OpenShiftProject citas-never -ErrorAction Stop } | Should -Throw -ErrorId 'ProjectNotFound,ImageStreamPS.Commands.GetOpenShiftProjectCommand'
    }
}

Describe 'Get-OpenShiftProject' {
    It 'lists the projects sorted by name, as oc projects does, marking the session''s current one' {
        $projects = Get-OpenShiftProject

        $names = @($projects.Name)
        $names | Should -Contain 'myproject'
        $names | Should -Contain 'citas-dev'
        $names | Should -Be @($names | Sort-Object { $_ } -CaseSensitive)
        @($projects | Where-Object IsCurrent).Name | Should -Be @('myproject')
    }

    It 'shows the current project marked in its table' {
        $text = Get-OpenShiftProject myproject, citas-dev | Out-String -Width 80
        $text | Should -Match '(?m)^CURRENT\s+NAME\s+DISPLAY NAME\s+STATUS\s+AGE'
        $text | Should -Match '(?m)^\*\s+myproject\s+Active'
        $text | Should -Match '(?m)^\s+citas-dev\s+Citas \(development\)\s+Active'
    }

    It 'gets the session''s project with -Current, as oc project shows it' {
        (Get-OpenShiftProject -Current).Name | Should -Be 'myproject'
    }

    It 'filters with wildcards' {
        (Get-OpenShiftProject citas-*).Name | Should -Be @('citas-dev', 'citas-prod', 'citas-test')
    }

    It 'reports a missing project as oc project does, naming the projects there are' {
        $e = { Get-OpenShiftProject ghost -ErrorAction Stop } | Should -Throw -PassThru

        $e.FullyQualifiedErrorId | Should -Be 'ProjectNotFound,ImageStreamPS.Commands.GetOpenShiftProjectCommand'
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $e.TargetObject | Should -Be 'ghost'
        $e.Exception.Message | Should -Be "A project named ""ghost"" does not exist on ""$server""."
        $e.ErrorDetails.RecommendedAction | Should -Match '^Your projects are: .*Citas \(development\) \(citas-dev\).*myproject'
    }

    It 'converts a project to the manifest OpenShift returns' {
        $yaml = Get-OpenShiftProject citas-dev | ConvertTo-OpenShiftYaml
        $yaml | Should -Match '(?m)^kind: Project$'
        $yaml | Should -Match '(?m)^apiVersion: project.openshift.io/v1$'
        $yaml | Should -Match 'openshift.io/display-name: Citas \(development\)'
    }
}

Describe 'Set-OpenShiftSession -Namespace (oc project)' {
    AfterEach { Set-OpenShiftSession -Namespace myproject }

    It 'switches to a project that exists' {
        Set-OpenShiftSession -Namespace citas-test
        $session.Namespace | Should -Be 'citas-test'
        (Get-OpenShiftProject -Current).Name | Should -Be 'citas-test'
    }

    It 'refuses a project that does not exist, naming the projects there are' {
        $e = { Set-OpenShiftSession -Namespace ghost -ErrorAction Stop } | Should -Throw -PassThru

        $e.FullyQualifiedErrorId | Should -Be 'ProjectNotFound,ImageStreamPS.Commands.SetOpenShiftSessionCommand'
        $e.ErrorDetails.RecommendedAction | Should -Match 'citas-test'
        $session.Namespace | Should -Be 'myproject'
    }

    It 'refuses a name that cannot be a namespace, before any request and even with -Force' {
        $made = Measure-Requests $context {
            { Set-OpenShiftSession -Namespace 'Not/A/Namespace' -Force -ErrorAction Stop } |
                Should -Throw -ErrorId 'ProjectNameInvalid,ImageStreamPS.Commands.SetOpenShiftSessionCommand'
        }
        Get-RequestTotal $made | Should -Be 0
        $session.Namespace | Should -Be 'myproject'
    }
}

Describe 'Remove-OpenShiftProject' {
    It 'deletes nothing with -WhatIf' {
        Remove-OpenShiftProject citas-test -WhatIf
        (Get-OpenShiftProject citas-test).Name | Should -Be 'citas-test'
    }

    It 'deletes a project and what is in it, as oc delete project does' {
        Set-OpenShiftSession -Namespace citas-dev
        try {
            Remove-OpenShiftProject citas-dev -Force -WarningVariable warned -InformationVariable info
        }
        finally { Set-OpenShiftSession -Namespace myproject }

        @($info | ForEach-Object { "$($_.MessageData)" }) | Should -Be @('project.project.openshift.io "citas-dev" deleted')
        "$warned" | Should -Match 'still works in project "citas-dev"'
        { Get-OpenShiftProject citas-dev -ErrorAction Stop } | Should -Throw -ErrorId 'ProjectNotFound,ImageStreamPS.Commands.GetOpenShiftProjectCommand'
        { Get-ImageStream in-dev -Namespace citas-dev -ErrorAction Stop } | Should -Throw
    }

    It 'deletes the projects piped from Get-OpenShiftProject' {
        Get-OpenShiftProject citas-test, citas-prod | Remove-OpenShiftProject -Force
        @(Get-OpenShiftProject citas-*) | Should -HaveCount 0
    }

    It 'reports a project that does not exist and goes on with the next one' {
        New-OpenShiftProject citas-last -NoSwitch | Out-Null
        Remove-OpenShiftProject ghost, citas-last -Force -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed.FullyQualifiedErrorId | Should -Be @('ProjectNotFound,ImageStreamPS.Commands.RemoveOpenShiftProjectCommand')
        $failed[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        @(Get-OpenShiftProject citas-*) | Should -HaveCount 0
    }
}

Describe 'Tab completion of projects' {
    It 'completes project names from the cluster for Get- and Remove-OpenShiftProject' {
        $line = 'Get-OpenShiftProject myp'
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText) | Should -Be @('myproject')
        $line = 'Remove-OpenShiftProject opens'
        @((TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText) | Should -Be @('openshift')
    }
}
