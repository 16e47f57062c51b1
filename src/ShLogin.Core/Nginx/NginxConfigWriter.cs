using System.Text;

namespace ShLogin.Nginx;

/// <summary>Writes nginx syntax with consistent indentation. Parameters are written as given: quote caller-supplied values with <see cref="NginxValue.Quote"/> first.</summary>
internal sealed class NginxConfigWriter
{
    private const int IndentSize = 4;
    private readonly StringBuilder text = new();
    private int depth;

    public NginxConfigWriter Comment(string comment)
    {
        return Line("# " + comment);
    }

    public NginxConfigWriter Directive(string name, params string[] parameters)
    {
        return Line(parameters.Length == 0 ? name + ";" : $"{name} {string.Join(' ', parameters)};");
    }

    public NginxConfigWriter Block(string header, Action<NginxConfigWriter> body)
    {
        Line(header + " {");
        depth++;
        body(this);
        depth--;
        return Line("}");
    }

    public NginxConfigWriter BlankLine()
    {
        text.Append('\n');
        return this;
    }

    public override string ToString() => text.ToString();

    private NginxConfigWriter Line(string line)
    {
        text.Append(' ', depth * IndentSize).Append(line).Append('\n');
        return this;
    }
}
