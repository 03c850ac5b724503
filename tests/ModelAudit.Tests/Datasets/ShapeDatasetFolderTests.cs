using ModelAudit.Datasets;
using ModelAudit.Imaging;

namespace ModelAudit.Tests.Datasets;

public sealed class ShapeDatasetFolderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "modelaudit-tests", "shapes-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_AfterWrite_ReturnsTheSameSamples(bool mark)
    {
        var samples = ShapeDataset.Generate(1, 9, new ShapeDatasetOptions { ShortcutMark = mark });

        ShapeDataset.Write(_folder, samples);
        var read = ShapeDataset.Read(_folder);

        read.Should().HaveCount(samples.Count);
        for (var i = 0; i < samples.Count; i++)
        {
            read[i].Id.Should().Be(samples[i].Id);
            read[i].Label.Should().Be(samples[i].Label);
            read[i].ClassName.Should().Be(samples[i].ClassName);
            read[i].Box.Should().Be(samples[i].Box);
            read[i].Mark.Should().Be(samples[i].Mark);
            read[i].Mask.Should().Be(samples[i].Mask);
            read[i].Image.Pixels.SequenceEqual(samples[i].Image.Pixels).Should().BeTrue($"{samples[i].Id} is stored losslessly");
        }
    }

    [Fact]
    public void Write_Labels_UseTheDocumentedFormat()
    {
        var samples = ShapeDataset.Generate(1, 2);

        ShapeDataset.Write(_folder, samples);

        var text = File.ReadAllText(Path.Combine(_folder, "labels.csv"));
        text.Should().NotContain("\r");
        var lines = text.Split('\n');
        lines[0].Should().Be("file,label,class,x,y,width,height,mask");
        var b = samples[1].Box;
        lines[2].Should().Be($"images/s1-000001.png,1,square,{b.X},{b.Y},{b.Width},{b.Height},masks/s1-000001.png");
        lines[^1].Should().BeEmpty("the file ends with a newline");
        File.Exists(Path.Combine(_folder, "images", "s1-000000.png")).Should().BeTrue();
        var mask = ImageCodec.Load(Path.Combine(_folder, "masks", "s1-000001.png"));
        mask[b.X, b.Y].Should().Be(Rgb.Gray(255), "square masks are drawn white");
        mask[0, 0].Should().Be(Rgb.Gray(0));
    }

    [Fact]
    public void Write_MarkedSamples_AddMarkColumns()
    {
        ShapeDataset.Write(_folder, ShapeDataset.Generate(1, 1, new ShapeDatasetOptions { ShortcutMark = true }));

        var lines = File.ReadAllLines(Path.Combine(_folder, "labels.csv"));
        lines[0].Should().Be("file,label,class,x,y,width,height,mask,mark_x,mark_y,mark_width,mark_height");
        lines[1].Should().EndWith(",masks/s1-000000.png,2,2,6,6");
    }

    [Fact]
    public void Write_DuplicateIds_AreRejected()
    {
        var sample = ShapeDataset.Generate(1, 1)[0];

        var act = () => ShapeDataset.Write(_folder, [sample, sample]);

        act.Should().Throw<ArgumentException>().WithMessage("*'s1-000000' occurs more than once*");
    }

    [Fact]
    public void Read_MissingLabels_NamesTheFile()
    {
        var act = () => ShapeDataset.Read(_folder);

        act.Should().Throw<InvalidDatasetException>().WithMessage($"*{Path.Combine(_folder, "labels.csv")}*does not exist*");
    }

    [Theory]
    [InlineData("images/s1-000000.png,x,circle,1,1,1,1,masks/s1-000000.png", "line 2: label 'x' is not an integer*")]
    [InlineData("images/s1-000000.png,7,circle,1,1,1,1,masks/s1-000000.png", "line 2: label 7 is outside*")]
    [InlineData("images/s1-000000.png,0,square,1,1,1,1,masks/s1-000000.png", "line 2: class 'square' does not match label 0*")]
    [InlineData("images/s1-000000.png,0,circle,1,1,1", "line 2: expected 8 comma-separated fields, but found 6*")]
    [InlineData("images/missing.png,0,circle,1,1,1,1,masks/s1-000000.png", "line 2: image 'images/missing.png' does not exist*")]
    [InlineData("images/s1-000000.png,0,circle,1,1,1,1,masks/s1-000000.png", "line 2: box (1,1,1x1) is not the tight bounds*")]
    public void Read_BadRow_NamesFileAndLine(string row, string expected)
    {
        ShapeDataset.Write(_folder, ShapeDataset.Generate(1, 1));
        File.WriteAllText(Path.Combine(_folder, "labels.csv"), "file,label,class,x,y,width,height,mask\n" + row + "\n");

        var act = () => ShapeDataset.Read(_folder);

        act.Should().Throw<InvalidDatasetException>().WithMessage($"*labels.csv' {expected}");
    }

    [Fact]
    public void Read_WrongHeader_IsRejected()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, "labels.csv"), "path,label\n");

        var act = () => ShapeDataset.Read(_folder);

        act.Should().Throw<InvalidDatasetException>().WithMessage("*line 1: expected the header 'file,label,class,x,y,width,height,mask'*found 'path,label'*");
    }
}
