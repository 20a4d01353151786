using ImageStreamPS.OpenShift.Describe;

namespace ImageStreamPS.OpenShift.Tests.Describe;

public class TabWriterTests
{
    [Fact]
    public void ColumnWidthIsTheWidestCellPlusOneRoundedUpToATabStop()
    {
        var text = TabWriter.Format("Name:\tcitas\nImage Repository:\tx\nTags:\t4\n");
        Assert.Equal("Name:\t\t\tcitas\nImage Repository:\tx\nTags:\t\t\t4\n", text);
    }

    [Fact]
    public void ALineWithoutTabsEndsTheColumn()
    {
        var text = TabWriter.Format("Image Repository:\tx\n\nTags:\t4\n");
        Assert.Equal("Image Repository:\tx\n\nTags:\t4\n", text);
    }

    [Fact]
    public void EmptyLeadingCellsArePaddedWithTabs()
    {
        var text = TabWriter.Format("Annotations:\ta=1\n\tb=2\nImage Repository:\tx\n");
        Assert.Equal("Annotations:\t\ta=1\n\t\t\tb=2\nImage Repository:\tx\n", text);
    }

    [Fact]
    public void NestedColumnsAlignIndependently()
    {
        var text = TabWriter.Format("a\tbb\tc\naaaaaaaaa\tb\tc\n");
        Assert.Equal("a\t\tbb\tc\naaaaaaaaa\tb\tc\n", text);
    }

    [Fact]
    public void TextWithoutTabsIsUnchanged() => Assert.Equal("x\ny\n", TabWriter.Format("x\ny\n"));
}
