package io.nurtureflow.system;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.ArrayList;
import java.util.List;

/** The login page the README promises, and "/" as an index of what the logged-in user can open. */
@Controller
class WelcomeController {

    private final UserDirectory users;

    WelcomeController(UserDirectory users) {
        this.users = users;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
                 Model model) {
        model.addAttribute("failed", error != null);
        model.addAttribute("loggedOut", logout != null);
        return "login";
    }

    @GetMapping("/")
    String index(Model model) {
        var user = CurrentUser.get();
        model.addAttribute("name", users.displayName(user.username()));
        model.addAttribute("links", linksFor(user));
        return "index";
    }

    private List<Link> linksFor(CurrentUser user) {
        var links = new ArrayList<Link>();
        if (user.admin()) {
            links.add(new Link("Cockpit 流程监控", "/camunda/app/cockpit/", "每个线索在其生命周期流程（默认 lead-lifecycle）中的位置、定时器与异常"));
            links.add(new Link("Admin 用户与权限", "/camunda/app/admin/", "Camunda 的用户、用户组与授权"));
            links.add(new Link("接口文档 Swagger UI", "/swagger-ui.html", "全部 /api 接口，可直接试用"));
            links.add(new Link("OpenAPI 描述", "/v3/api-docs", "供脚本与集成方生成客户端"));
        }
        links.add(new Link("Tasklist 任务列表", "/camunda/app/tasklist/", "首次联系、跟进与确认推送任务"));
        if (user.admin() || user.salesLead() || users.isMember(user.username(), Role.REP)) {
            links.add(new Link("客户查询", "/api/customers", "按手机号、姓名、标签、阶段、负责人查找客户"));
            links.add(new Link("我的工作台", "/m", "手机上处理待办、查看客户、使用话术；也可放进企业微信聊天工具栏"));
        }
        if (user.admin() || user.salesLead()) {
            links.add(new Link("待审核", "/api/reviews", "疑似重复与撞单，等待主管决定"));
            links.add(new Link("运营报表", "/reports", "线索漏斗、渠道与邀请人、销售时效，图表与 CSV 下载"));
        }
        links.add(new Link("健康检查", "/actuator/health", "服务与数据库是否正常"));
        return links;
    }

    record Link(String title, String href, String description) {
    }
}
